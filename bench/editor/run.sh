#!/usr/bin/env bash
# Editor hashing benchmark: `tuftool create` over one large target (one streaming SHA-256 pass,
# the JDK's MessageDigest, then signing and writing the metadata) against `openssl dgst -sha256` of
# the same file, in the same hyperfine run.
# usage: bench/editor/run.sh [SIZE_MIB]   (default 1024)
#   BASELINE=DIR  also time another build: DIR holds its tuftool-*.jar and lib/ (copied from
#                 tuftool/target before a change), run with the same JVM and options
#   RUNS=N        hyperfine runs per command (default 10)
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mib="${1:-1024}"
work="$top/bench/out/editor"
rm -rf "$work"; mkdir -p "$work/targets"
cd "$work"
tuftool="$top/bin/tuftool"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > targets/image.bin
"$tuftool" root init root.json >/dev/null
for r in root snapshot targets timestamp; do "$tuftool" root set-threshold root.json "$r" 1; done
"$tuftool" root gen-key root.json key.pem -r root -r snapshot -r targets -r timestamp >/dev/null
"$tuftool" root expire root.json 'in 1 week'
"$tuftool" root sign root.json -k key.pem >/dev/null
create_args="create -r root.json -k key.pem -t targets -o repo --targets-expires 'in 1 day' --targets-version 1 \
--snapshot-expires 'in 1 day' --snapshot-version 1 --timestamp-expires 'in 1 day' --timestamp-version 1"
commands=(-n openssl "openssl dgst -sha256 targets/image.bin" -n tuftool "$tuftool $create_args")
if [ -n "${BASELINE:-}" ]; then
  base_jar="$(ls "$BASELINE"/tuftool-*.jar | head -n 1)"
  commands+=(-n baseline "java -cp '$base_jar:$BASELINE/lib/*' dev.keel.tuftool.Tuftool $create_args")
fi
cat targets/image.bin > /dev/null   # in the page cache for every command
hyperfine --warmup 1 --runs "${RUNS:-10}" --prepare 'rm -rf repo' --export-json result.json "${commands[@]}"
python3 - "$size_mib" result.json <<'PY'
import json, sys
mib = float(sys.argv[1])
results = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
openssl = results["openssl"]["mean"]
openssl_cpu = results["openssl"]["user"] + results["openssl"]["system"]
for name, r in results.items():
    cpu = r["user"] + r["system"]
    print(f"{name:9s} mean {r['mean']:6.3f} s ± {r['stddev']:5.3f}  {mib * 1.048576 / r['mean']:6.0f} MB/s"
          f"  throughput vs openssl {openssl / r['mean']:.2f}x   CPU (user+sys) {cpu:6.3f} s, openssl's / this {openssl_cpu / cpu:.2f}x")
PY
