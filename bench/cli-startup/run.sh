#!/usr/bin/env bash
# Start-up cost of the command line: `tuf-client init` and `refresh` (bin/tuf-client, one-target
# repository on loopback) for this checkout and for a reference revision, in one hyperfine run.
# Usage: bench/cli-startup/run.sh           (env: BEFORE_REV=1a8b8b1 RUNS=30; needs hyperfine, python3, curl, git)
# Not a test. The reference checkout (a git worktree), the repository and the results go to
# bench/out/cli-startup (git-ignored); remove the worktree with `git worktree remove --force bench/out/cli-startup/before`.
set -euo pipefail
BEFORE_REV="${BEFORE_REV:-1a8b8b1}"
RUNS="${RUNS:-30}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/bench/out/cli-startup"
BEFORE="$OUT/before"
mkdir -p "$OUT"

if [[ ! -d "$BEFORE" ]]; then
  git -C "$ROOT" worktree add --detach "$BEFORE" "$BEFORE_REV" >&2
fi
echo "building tuftool at $BEFORE_REV and in this checkout (package, no tests; nothing is installed)" >&2
(cd "$BEFORE" && ./mvnw -q -pl tuftool -am package -DskipTests)
(cd "$ROOT" && ./mvnw -q -pl tuftool -am package -DskipTests)

# A one-target repository, made with this checkout's tuftool.
WORK="$OUT/work"
rm -rf "$WORK" && mkdir -p "$WORK/in"
T="$ROOT/bin/tuftool"
cd "$WORK"
echo hello > in/hello.txt
"$T" root init root.json
for role in root snapshot targets timestamp; do "$T" root set-threshold root.json "$role" 1; done
"$T" root gen-key root.json key.pem -r root -r snapshot -r targets -r timestamp > /dev/null
"$T" root expire root.json 'in 52 weeks'
"$T" root sign root.json -k key.pem > /dev/null
"$T" create -r root.json -k key.pem -t in -o repo --targets-expires 'in 7 days' --targets-version 1 \
  --snapshot-expires 'in 7 days' --snapshot-version 1 --timestamp-expires 'in 7 days' --timestamp-version 1 > /dev/null

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/repo" > /dev/null 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2> /dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/metadata/timestamp.json" && break; sleep 0.1; done
U="http://127.0.0.1:$PORT/metadata"

B="$BEFORE/bin/tuf-client"
A="$ROOT/bin/tuf-client"

# One init and refresh each: a metadata directory that is up to date, and each checkout's AppCDS archive.
for side in b a; do
  case "$side" in b) C="$B" ;; a) C="$A" ;; esac
  rm -rf "md-$side"
  "$C" --metadata-dir "md-$side" init repo/metadata/1.root.json
  "$C" --metadata-url "$U" --metadata-dir "md-$side" refresh
  "$C" --metadata-url "$U" --metadata-dir "md-$side" refresh
done

hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
  -n "init before ($BEFORE_REV)" "$B --metadata-dir md-b2 init repo/metadata/1.root.json" \
  -n "init after" "$A --metadata-dir md-a2 init repo/metadata/1.root.json" \
  -n "refresh before ($BEFORE_REV)" "$B --metadata-url $U --metadata-dir md-b refresh" \
  -n "refresh after" "$A --metadata-url $U --metadata-dir md-a refresh"


python3 - "$OUT/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda v: v * 1000
for cmd in ("init", "refresh"):
    b = next(v for k, v in r.items() if k.startswith(cmd + " before"))
    print(f"{cmd}: before median {ms(b['median']):.0f} ms, mean {ms(b['mean']):.0f}, user {ms(b['user']):.0f}")
    for name in (cmd + " after",):
        a = r[name]
        print(f"  {name}: median {ms(a['median']):.0f} ms, mean {ms(a['mean']):.0f}, user {ms(a['user']):.0f}; "
              f"minus before: {ms(a['median'] - b['median']):+.0f} ms median, {ms(a['mean'] - b['mean']):+.0f} ms mean, "
              f"{ms(a['user'] - b['user']):+.0f} ms user; ratio {a['median'] / b['median']:.2f}")
PY
