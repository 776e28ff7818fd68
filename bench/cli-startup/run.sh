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

# A third variant, measured to see what the Java 5 class files of picocli's jar cost: the same
# launcher and classes with picocli recompiled from its sources jar for Java 17, which AppCDS can
# archive (it refuses class files older than Java 6). Not what the build ships.
PICOCLI_VERSION="$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' "$ROOT/pom.xml")"
SRC="$HOME/.m2/repository/info/picocli/picocli/$PICOCLI_VERSION/picocli-$PICOCLI_VERSION-sources.jar"
[[ -f "$SRC" ]] || (cd "$ROOT" && ./mvnw -q dependency:get -Dartifact="info.picocli:picocli:$PICOCLI_VERSION:jar:sources")
P17="$OUT/picocli17"
rm -rf "$P17" && mkdir -p "$P17/src" "$P17/classes" "$P17/top/tuftool/target/lib" "$P17/top/bin"
unzip -q "$SRC" -d "$P17/src"
javac --release 17 -nowarn -d "$P17/classes" $(find "$P17/src" -name '*.java' ! -name module-info.java)
cp "$ROOT"/tuftool/target/tuftool-*.jar "$P17/top/tuftool/target/"
cp "$ROOT"/tuftool/target/lib/*.jar "$P17/top/tuftool/target/lib/"
rm "$P17/top/tuftool/target/lib/picocli-$PICOCLI_VERSION.jar"
(cd "$P17/classes" && jar cf "$P17/top/tuftool/target/lib/picocli-$PICOCLI_VERSION-java17.jar" .)
cp "$ROOT/bin/tuf-client" "$P17/top/bin/"
P="$P17/top/bin/tuf-client"
# One init and refresh each: a metadata directory that is up to date, and each checkout's AppCDS archive.
for side in b a p; do
  case "$side" in b) C="$B" ;; a) C="$A" ;; p) C="$P" ;; esac
  rm -rf "md-$side"
  "$C" --metadata-dir "md-$side" init repo/metadata/1.root.json
  "$C" --metadata-url "$U" --metadata-dir "md-$side" refresh
  "$C" --metadata-url "$U" --metadata-dir "md-$side" refresh
done

hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
  -n "init before ($BEFORE_REV)" "$B --metadata-dir md-b2 init repo/metadata/1.root.json" \
  -n "init after" "$A --metadata-dir md-a2 init repo/metadata/1.root.json" \
  -n "init after, picocli for Java 17" "$P --metadata-dir md-p2 init repo/metadata/1.root.json" \
  -n "refresh before ($BEFORE_REV)" "$B --metadata-url $U --metadata-dir md-b refresh" \
  -n "refresh after" "$A --metadata-url $U --metadata-dir md-a refresh" \
  -n "refresh after, picocli for Java 17" "$P --metadata-url $U --metadata-dir md-p refresh"

# In-process, one cold JVM each: main to parsed arguments, from annotations or built in code
# (the launcher's JVM options, picocli's own jar, no AppCDS archive); smallest of 5.
mkdir -p "$OUT/probe"
javac -d "$OUT/probe" -cp "$ROOT/tuftool/target/classes:$ROOT/tuftool/target/lib/*" "$ROOT/bench/cli-startup/ModelProbe.java"
for mode in annotated programmatic; do
  for _ in 1 2 3 4 5; do
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
      -cp "$OUT/probe:$ROOT/tuftool/target/classes:$ROOT/tuftool/target/tuf-client-lib/*" ModelProbe "$mode" \
      --metadata-dir md-a init repo/metadata/1.root.json
  done | sort -k2 -n | head -n 1
done

python3 - "$OUT/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda v: v * 1000
for cmd in ("init", "refresh"):
    b = next(v for k, v in r.items() if k.startswith(cmd + " before"))
    print(f"{cmd}: before median {ms(b['median']):.0f} ms, mean {ms(b['mean']):.0f}, user {ms(b['user']):.0f}")
    for name in (cmd + " after", cmd + " after, picocli for Java 17"):
        a = r[name]
        print(f"  {name}: median {ms(a['median']):.0f} ms, mean {ms(a['mean']):.0f}, user {ms(a['user']):.0f}; "
              f"minus before: {ms(a['median'] - b['median']):+.0f} ms median, {ms(a['mean'] - b['mean']):+.0f} ms mean, "
              f"{ms(a['user'] - b['user']):+.0f} ms user; ratio {a['median'] / b['median']:.2f}")
PY
