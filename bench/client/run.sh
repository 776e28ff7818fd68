#!/usr/bin/env bash
# Client benchmark: refresh + one target download with a fresh metadata directory, against a
# repository of TARGETS targets in 2^BITS succinct hash bins served on loopback.
# Usage: bench/client/run.sh            (env: TARGETS=100000 BITS=8 RUNS=20 ROUNDS=3 BEFORE_REV=; needs
#        python3, curl, hyperfine, and node + npm for the tuf-js reference)
# First, whole processes with hyperfine against tuf-js in the same run (RUNS each): tuf-js, then
# bin/tuf-client as it starts by default (the AOT cache when a JDK 24+ is found), then with the
# JDK 17 on PATH or JDK17=HOME (AppCDS); with BEFORE_REV=REV also bin/tuf-client of that revision
# (a git worktree in bench/out/client/before, built once). Then ROUNDS in-process rounds (ROUNDS=0
# skips them).
# Not a test. Output and the generated repository go to bench/out/client (git-ignored).
set -euo pipefail
TARGETS="${TARGETS:-100000}"
BITS="${BITS:-8}"
ROUNDS="${ROUNDS:-3}"
RUNS="${RUNS:-20}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/bench/out/client"
REPO="$OUT/repo-$TARGETS-$BITS"
mkdir -p "$OUT/classes"

echo "building tuf-core and tuftool (package, no tests; nothing is installed)" >&2
(cd "$ROOT" && ./mvnw -q -pl tuftool -am package -DskipTests)
CP="$ROOT/tuftool/target/lib/*"
javac -d "$OUT/classes" -cp "$CP" "$ROOT/bench/client/ClientBench.java"

if [[ ! -f "$REPO/metadata/timestamp.json" ]]; then
  rm -rf "$REPO"
  /usr/bin/time -f "generate: %e s wall, %M KB max RSS" \
    java -Xmx2g -cp "$OUT/classes:$CP" ClientBench generate "$REPO" "$TARGETS" "$BITS"
fi
du -sh "$REPO/metadata" >&2

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$REPO" > /dev/null 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2> /dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/metadata/timestamp.json" && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"

echo "== whole processes: refresh + one download from a fresh metadata directory (hyperfine)"
(cd "$ROOT/bench/client/tuf-js" && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; })
JDK17="${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
W="$OUT/startup"; mkdir -p "$W"
fresh() { echo "sh -c 'rm -rf $W/$1 $W/$1-targets && mkdir -p $W/$1 $W/$1-targets && cp $REPO/root.json $W/$1/'"; }
client_args() {
  echo "--metadata-url $BASE/metadata --metadata-dir $W/$1 --target-name packages/wanted.bin --target-dir $W/$1-targets --target-base-url $BASE/targets download"
}
before=()
if [[ -n "${BEFORE_REV:-}" ]]; then
  BEFORE="$OUT/before"
  [[ -d "$BEFORE" ]] || git -C "$ROOT" worktree add --detach "$BEFORE" "$BEFORE_REV" >&2
  git -C "$BEFORE" checkout -q --detach "$BEFORE_REV"
  echo "building tuftool at $BEFORE_REV in $BEFORE" >&2
  (cd "$BEFORE" && ./mvnw -q -pl tuftool -am package -DskipTests)
  before=(--prepare "$(fresh before)" -n "tuf-client at $BEFORE_REV" "$BEFORE/bin/tuf-client $(client_args before)")
fi
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/startup.json" \
  --prepare "$(fresh js)" -n tuf-js \
  "node $ROOT/bench/client/tuf-js/client.js $W/js $BASE/metadata/ $W/js-targets $BASE/targets/ packages/wanted.bin" \
  --prepare "$(fresh default)" -n "tuf-client" "$ROOT/bin/tuf-client $(client_args default)" \
  --prepare "$(fresh jdk17)" -n "tuf-client (JDK 17, AppCDS)" "env KEEL_JAVA=$JDK17 $ROOT/bin/tuf-client $(client_args jdk17)" \
  "${before[@]}"
cat /proc/loadavg
python3 - "$OUT/startup.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = results[0]
for r in results:
    cpu, ref_cpu = r["user"] + r["system"], ref["user"] + ref["system"]
    print(f"{r['command']:30s} mean {r['mean'] * 1000:6.0f} ms  min {r['min'] * 1000:6.0f} ms  CPU {cpu * 1000:5.0f} ms"
          f"  | tuf-js / this: mean {ref['mean'] / r['mean']:.2f}x, min {ref['min'] / r['min']:.2f}x, CPU {ref_cpu / cpu:.2f}x")
PY
echo "== the same commands interleaved, one of each per round ($RUNS rounds; bench/client/interleave.py)"
interleaved=(
  tuf-js "$(fresh js)"
  "node $ROOT/bench/client/tuf-js/client.js $W/js $BASE/metadata/ $W/js-targets $BASE/targets/ packages/wanted.bin"
  tuf-client "$(fresh default)" "$ROOT/bin/tuf-client $(client_args default)"
  "tuf-client (JDK 17, AppCDS)" "$(fresh jdk17)" "env KEEL_JAVA=$JDK17 $ROOT/bin/tuf-client $(client_args jdk17)"
)
if [[ -n "${BEFORE_REV:-}" ]]; then
  interleaved+=("tuf-client at $BEFORE_REV" "$(fresh before)" "$BEFORE/bin/tuf-client $(client_args before)")
fi
python3 "$ROOT/bench/client/interleave.py" "$RUNS" "${interleaved[@]}"
cat /proc/loadavg

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: in-process (one JVM, default flags)"
  rm -rf "$OUT"/md-* "$OUT"/wanted.bin-*
  /usr/bin/time -f "process: %e s wall, %M KB max RSS" \
    java -cp "$OUT/classes:$CP" ClientBench client "$BASE/metadata/" "$BASE/targets/" "$REPO/root.json" \
    "$OUT/md" packages/wanted.bin "$OUT/wanted.bin"
  echo "== round $round: bin/tuf-client init + download (fresh metadata dir)"
  rm -rf "$OUT/cmd" "$OUT/ctd"
  "$ROOT/bin/tuf-client" --metadata-dir "$OUT/cmd" init "$REPO/root.json"
  /usr/bin/time -f "tuf-client download: %e s wall, %M KB max RSS" \
    "$ROOT/bin/tuf-client" --metadata-url "$BASE/metadata" --metadata-dir "$OUT/cmd" \
    --target-name packages/wanted.bin --target-dir "$OUT/ctd" --target-base-url "$BASE/targets" download
  ls "$OUT/cmd"
  /usr/bin/time -f "baseline (cat + sha256sum of the same metadata files, new processes): %e s wall" \
    bash -c "cat $OUT/cmd/*.json | sha256sum > /dev/null"
done
