#!/usr/bin/env bash
# Publishing benchmark: three 1 GiB images (random bytes) uploaded to a local repo-server through
# its API (PUT /api/v1/uploads, three times) and published as one release (POST .../releases),
# against, in the same round, `sha256sum` of each file plus `dd bs=1M conv=fsync` of each file into
# a scratch folder on the same file system as the server's data directory.
# Usage: bench/publish/run.sh   (env: RUNS=3, BENCH_DIR=bench/out/publish, PORT=18490,
#   IMAGE_MIB=1024, NICE=0: scheduling priority of the measured commands and of the server)
# Needs: curl, python3, coreutils. Not a test; everything it writes is under BENCH_DIR.
set -euo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${BENCH_DIR:-$TOP/bench/out/publish}"
RUNS="${RUNS:-3}"
PORT="${PORT:-18490}"
MIB="${IMAGE_MIB:-1024}"
RUN=(nice -n "${NICE:-0}")
mkdir -p "$OUT"
cd "$OUT"

echo "building repo-server (package, no tests; nothing is installed)" >&2
(cd "$TOP" && ./mvnw -q -pl repo-server -am package -DskipTests)
# The launchers and jars are copied, so that a rebuild of the tree during the run changes nothing.
rm -rf dist && mkdir -p dist/bin dist/repo-server/target
cp "$TOP"/bin/{keel-launch,keel-common.sh,repo-server} dist/bin/
cp -r "$TOP"/repo-server/target/repo-server-*.jar "$TOP/repo-server/target/lib" dist/repo-server/target/

# --- the images: random bytes, so nothing along the way can compress or skip them ---
for k in boot root hash; do
  [[ -f $k.img && $(stat -c %s $k.img) == $((MIB << 20)) ]] || head -c "$((MIB << 20))" /dev/urandom > $k.img
done

# --- the server: development mode, a fresh data directory, access log as by default ---
rm -rf data scratch && mkdir -p scratch
KEEL_REPO_DIR="$OUT/data" KEEL_REPO_PORT="$PORT" "${RUN[@]}" dist/bin/repo-server > server.log 2>&1 &
SERVER=$!  # bin/repo-server execs java: this is the JVM
trap 'kill "$SERVER" 2> /dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 150); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
TOKEN="$(cat data/dev-keys/api-token)"
TICK=$(getconf CLK_TCK)
cpu() { awk -v t="$TICK" '{printf "%.2f", ($14 + $15) / t}' "/proc/$SERVER/stat"; }  # utime + stime, s
now() { date +%s.%N; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
ROWS=()
for i in $(seq "$RUNS"); do
  # New bytes every round (the first 4 KiB of each image), so each publish stores three new uploads
  # and three new targets instead of finding them already there.
  for k in boot root hash; do
    head -c 4096 /dev/urandom | dd of=$k.img bs=4096 conv=notrunc status=none
  done
  cat boot.img root.img hash.img > /dev/null  # in the page cache for both sides
  sync

  # (a) the reference: hash each file, then copy each file durably, on the same file system.
  t0=$(now)
  for k in boot root hash; do "${RUN[@]}" sha256sum $k.img > /dev/null; done
  t1=$(now)
  for k in boot root hash; do "${RUN[@]}" dd if=$k.img of=scratch/$k.img bs=1M conv=fsync status=none; done
  t2=$(now)
  rm -f scratch/*.img
  sync

  # (b) the publish: three uploads and the release, as a release engineer's tool would call them.
  c0=$(cpu); p0=$(now)
  ups=(); body=""
  for k in boot root hash; do
    u0=$(now)
    sha=$("${RUN[@]}" curl -sf -T $k.img -H "Authorization: Bearer $TOKEN" \
      "$BASE/api/v1/uploads" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"])')
    u1=$(now)
    ups+=("$(python3 -c "print(f'{$u1 - $u0:.3f}')")")
    body+="${body:+,}\"$k\":{\"name\":\"bench-1.0.$i-$k.img\",\"sha256\":\"$sha\"}"
  done
  c1=$(cpu); r0=$(now)
  "${RUN[@]}" curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"version\":\"1.0.$i\",\"waves\":\"none\",\"images\":{$body}}" "$BASE/api/v1/repos/bench/x86_64/releases"
  p1=$(now); c2=$(cpu)
  sync
  load=$(cut -d' ' -f1 /proc/loadavg)
  row="$(python3 -c "print(f'{$t1-$t0:.3f} {$t2-$t1:.3f} {$p1-$p0:.3f} {$p1-$r0:.3f} {$c1-$c0:.2f} {$c2-$c1:.2f}')") ${ups[*]} $load"
  ROWS+=("$row")
  read -r sh dd pub rel cu cr u1 u2 u3 _ <<< "$row"
  echo "round $i: reference $(python3 -c "print(f'{$sh+$dd:.2f}')") s (sha256sum $sh, dd $dd)," \
    "publish $pub s (uploads $u1 $u2 $u3, release $rel), server CPU uploads $cu s + release $cr s, load $load"
done

# The repository really holds the images: the published targets are the uploaded files.
for k in boot root hash; do
  cmp -s $k.img data/targets/*."bench-1.0.$RUNS-$k.img" || { echo "target $k differs from $k.img" >&2; exit 1; }
done
echo "the last release's targets are byte-identical to the images"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$MIB" "${ROWS[@]}" <<'PY'
import statistics, sys
mib = int(sys.argv[1])
rows = [[float(x) for x in r.split()] for r in sys.argv[2:]]
col = lambda j: [r[j] for r in rows]
def s(v, f="{:.2f}"):
    return f"{f.format(statistics.median(v))} [{f.format(min(v))}-{f.format(max(v))}]"
sha, dd, pub, rel, cpu_up, cpu_rel = (col(j) for j in range(6))
ref = [a + b for a, b in zip(sha, dd)]
ratio = [p / r for p, r in zip(pub, ref)]
print(f"\n3 x {mib} MiB random images, {len(rows)} rounds; median [min-max]")
print(f"reference: sha256sum + dd conv=fsync  s: {s(ref)}   (sha256sum {s(sha)}, dd {s(dd)})")
print(f"publish: 3 uploads + release POST     s: {s(pub)}")
print(f"  upload boot / root / hash           s: {s(col(6))} / {s(col(7))} / {s(col(8))}")
print(f"  release POST (sign, link, commit)   s: {s(rel)}")
print(f"  server CPU, uploads                 s: {s(cpu_up)}")
print(f"  server CPU, release                 s: {s(cpu_rel)}")
print(f"publish / reference                    : {s(ratio)}   (goal <= 2.00)")
print(f"load average (1 min) after each round  : {' '.join(f'{x:.2f}' for x in col(9))}")
PY
[[ -n "${KEEP:-}" ]] || rm -rf data scratch
