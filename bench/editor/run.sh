#!/usr/bin/env bash
# Editor hashing benchmark: `tuftool create` over one large target (one streaming SHA-256 pass,
# the JDK's MessageDigest) against `openssl dgst -sha256` of the same file, in the same run.
# usage: bench/editor/run.sh [SIZE_MIB]   (default 1024)
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
cat targets/image.bin > /dev/null   # page cache warm for both
now() { date +%s.%N; }
t0=$(now); openssl dgst -sha256 targets/image.bin >/dev/null; t1=$(now)
rm -rf repo
t2=$(now)
"$tuftool" create -r root.json -k key.pem -t targets -o repo --targets-expires 'in 1 day' --targets-version 1 \
  --snapshot-expires 'in 1 day' --snapshot-version 1 --timestamp-expires 'in 1 day' --timestamp-version 1 >/dev/null
t3=$(now)
python3 - "$size_mib" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
mib, t0, t1, t2, t3 = float(sys.argv[1]), *map(float, sys.argv[2:])
o, c = t1 - t0, t3 - t2
print(f"size {mib:.0f} MiB")
print(f"openssl dgst -sha256   {o:6.2f} s  {mib*1.048576/o:7.0f} MB/s")
print(f"tuftool create (JVM start, hash, sign, write)  {c:6.2f} s  {mib*1.048576/c:7.0f} MB/s")
print(f"ratio tuftool/openssl throughput: {o/c:.2f}x")
PY
