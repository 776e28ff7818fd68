#!/usr/bin/env bash
# Client benchmark: refresh + one target download with a fresh metadata directory, against a
# repository of TARGETS targets in 2^BITS succinct hash bins served on loopback.
# Usage: bench/client/run.sh            (env: TARGETS=100000 BITS=8 ROUNDS=3; needs python3 and curl)
# Not a test. Output and the generated repository go to bench/out/client (git-ignored).
set -euo pipefail
TARGETS="${TARGETS:-100000}"
BITS="${BITS:-8}"
ROUNDS="${ROUNDS:-3}"
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

for round in $(seq "$ROUNDS"); do
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
