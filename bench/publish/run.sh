#!/usr/bin/env bash
# Publishing benchmark: three 1 GiB images (random bytes) uploaded to a local repo-server through
# its API (PUT /api/v1/uploads, three times) and published as one release (POST .../releases),
# against, in the same round, `sha256sum` of each file plus `dd bs=1M conv=fsync` of each file into
# a scratch folder on the same file system as the server's data directory.
# Usage: bench/publish/run.sh
#   env: RUNS=3, BENCH_DIR=bench/out/publish, PORT=18490, IMAGE_MIB=1024,
#        NICE=0 (scheduling priority of the measured commands and of the server),
#        DIST=DIR (run the launchers and jars already copied to DIR/bin, DIR/repo-server: no build),
#        TRACE=1 (also time the server's write/fsync/read syscalls with `perf trace`; slows it down)
# Needs: curl, python3, openssl, coreutils (perf for TRACE=1). Not a test; output goes to BENCH_DIR.
set -euo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${BENCH_DIR:-$TOP/bench/out/publish}"
RUNS="${RUNS:-3}"
PORT="${PORT:-18490}"
MIB="${IMAGE_MIB:-1024}"
RUN=(nice -n "${NICE:-0}")
[[ -z "${DIST:-}" ]] || DIST="$(cd "$DIST" && pwd)"
mkdir -p "$OUT"
cd "$OUT"

if [[ -z "${DIST:-}" ]]; then
  echo "building repo-server (package, no tests; nothing is installed)" >&2
  (cd "$TOP" && ./mvnw -q -pl repo-server -am package -DskipTests)
  # The launchers and jars are copied, so that a rebuild of the tree during the run changes nothing.
  rm -rf dist && mkdir -p dist/bin dist/repo-server/target
  cp "$TOP"/bin/{keel-launch,keel-common.sh,repo-server} dist/bin/
  cp -r "$TOP"/repo-server/target/repo-server-*.jar "$TOP/repo-server/target/lib" dist/repo-server/target/
  DIST="$OUT/dist"
fi

# --- the images: random bytes, so nothing along the way can compress or skip them ---
for k in boot root hash; do
  [[ -f $k.img && $(stat -c %s $k.img) == $((MIB << 20)) ]] || head -c "$((MIB << 20))" /dev/urandom > $k.img
done

# --- the server: development mode, a fresh data directory, access log as by default ---
rm -rf data scratch && mkdir -p scratch
KEEL_REPO_DIR="$OUT/data" KEEL_REPO_PORT="$PORT" "${RUN[@]}" "$DIST/bin/repo-server" > server.log 2>&1 &
SERVER=$!  # bin/repo-server execs java: this is the JVM
trap 'kill "$SERVER" 2> /dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 150); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
TOKEN="$(cat data/dev-keys/api-token)"
now() { date +%s.%N; }
# The server's CPU seconds (user + system) by thread group, from /proc/PID/task/*/stat.
threads() {
  python3 - "$SERVER" <<'PY'
import os, sys
pid, tick = sys.argv[1], os.sysconf("SC_CLK_TCK")
groups = {}
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        stat = open(f"/proc/{pid}/task/{t}/stat").read()
    except OSError:
        continue
    comm, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
    g = ("eventloop" if comm.startswith("vert.x-eventloo") else "upload" if comm.startswith("keel-uploads")
         else "publish" if comm.startswith("keel-publishes") else "jit" if "CompilerThre" in comm
         else "gc" if comm.startswith(("G1", "GC Thread", "VM Thread")) else "other")
    groups[g] = groups.get(g, 0) + (int(rest[11]) + int(rest[12])) / tick
print(" ".join(f"{g}={groups.get(g, 0):.2f}" for g in ("eventloop", "upload", "publish", "jit", "gc", "other")))
PY
}
diff_threads() { python3 -c '
import sys
a = dict(x.split("=") for x in sys.argv[1].split()); b = dict(x.split("=") for x in sys.argv[2].split())
print(" ".join(f"{k}={float(b[k]) - float(a[k]):.2f}" for k in a))' "$1" "$2"; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $DIST ($(ls "$DIST"/repo-server/target/repo-server-*.jar | xargs -n1 basename))"
ROWS=()
for i in $(seq "$RUNS"); do
  # New bytes every round (the first 4 KiB of each image), so each publish stores three new uploads
  # and three new targets instead of finding them already there.
  for k in boot root hash; do
    head -c 4096 /dev/urandom | dd of=$k.img bs=4096 conv=notrunc status=none
  done
  cat boot.img root.img hash.img > /dev/null  # in the page cache for both sides
  sync

  # (a) the reference: hash each file, then copy each file durably, on the same file system; and,
  # for comparison only, openssl's SHA-256 (which, unlike coreutils here, uses the SHA extensions).
  t0=$(now)
  for k in boot root hash; do "${RUN[@]}" sha256sum $k.img > /dev/null; done
  t1=$(now)
  for k in boot root hash; do "${RUN[@]}" dd if=$k.img of=scratch/$k.img bs=1M conv=fsync status=none; done
  t2=$(now)
  for k in boot root hash; do "${RUN[@]}" openssl dgst -sha256 $k.img > /dev/null; done
  t3=$(now)
  rm -f scratch/*.img
  sync

  # (b) the publish: three uploads and the release, as a release engineer's tool would call them.
  if [[ -n "${TRACE:-}" ]]; then
    perf trace -a -s -e write,fsync,fdatasync,read,rename,link,linkat -o trace-$i.txt & TRACER=$!
    sleep 2
  fi
  g0=$(threads); p0=$(now)
  ups=(); body=""
  for k in boot root hash; do
    u0=$(now)
    sha=$("${RUN[@]}" curl -sf -T $k.img -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/uploads" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"])')
    u1=$(now)
    ups+=("$(python3 -c "print(f'{$u1 - $u0:.3f}')")")
    body+="${body:+,}\"$k\":{\"name\":\"bench-1.0.$i-$k.img\",\"sha256\":\"$sha\"}"
  done
  g1=$(threads); r0=$(now)
  "${RUN[@]}" curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"version\":\"1.0.$i\",\"waves\":\"none\",\"images\":{$body}}" "$BASE/api/v1/repos/bench/x86_64/releases"
  p1=$(now); g2=$(threads)
  if [[ -n "${TRACE:-}" ]]; then kill -INT "$TRACER"; wait "$TRACER" || true; fi
  sync
  load=$(cut -d' ' -f1 /proc/loadavg)
  cup=$(diff_threads "$g0" "$g1"); crel=$(diff_threads "$g1" "$g2")
  row="$(python3 -c "print(f'{$t1-$t0:.3f} {$t2-$t1:.3f} {$t3-$t2:.3f} {$p1-$p0:.3f} {$p1-$r0:.3f}')") ${ups[*]} $load"
  ROWS+=("$row|$cup|$crel")
  read -r sh dd ossl pub rel u1 u2 u3 _ <<< "$row"
  echo "round $i: reference $(python3 -c "print(f'{$sh+$dd:.2f}')") s (sha256sum $sh, dd $dd; openssl $ossl)," \
    "publish $pub s (uploads $u1 $u2 $u3, release $rel), load $load"
  echo "  server CPU s, uploads: $cup"
  echo "  server CPU s, release: $crel"
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
rows, cpu_up, cpu_rel = [], [], []
for r in sys.argv[2:]:
    times, up, rel = r.split("|")
    rows.append([float(x) for x in times.split()])
    cpu_up.append({k: float(v) for k, v in (x.split("=") for x in up.split())})
    cpu_rel.append({k: float(v) for k, v in (x.split("=") for x in rel.split())})
col = lambda j: [r[j] for r in rows]
def s(v, f="{:.2f}"):
    return f"{f.format(statistics.median(v))} [{f.format(min(v))}-{f.format(max(v))}]"
sha, dd, ossl, pub, rel = (col(j) for j in range(5))
ref = [a + b for a, b in zip(sha, dd)]
ratio = [p / r for p, r in zip(pub, ref)]
ratio_ossl = [p / (o + d) for p, o, d in zip(pub, ossl, dd)]
print(f"\n3 x {mib} MiB random images, {len(rows)} rounds; median [min-max], ratios round by round")
print(f"reference: sha256sum + dd conv=fsync   s: {s(ref)}   (sha256sum {s(sha)}, dd {s(dd)})")
print(f"publish: 3 uploads + release POST      s: {s(pub)}")
print(f"  upload boot / root / hash            s: {s(col(5))} / {s(col(6))} / {s(col(7))}")
print(f"  release POST (sign, link, commit)    s: {s(rel)}")
for name, cpu in (("uploads", cpu_up), ("release", cpu_rel)):
    total = [sum(c.values()) for c in cpu]
    parts = ", ".join(f"{k} {statistics.median([c[k] for c in cpu]):.2f}" for k in cpu[0])
    print(f"  server CPU, {name:8}                s: {s(total)}   ({parts})")
print(f"publish / reference                     : {s(ratio)}   (goal <= 2.00)")
print(f"publish / (openssl dgst + dd), for info : {s(ratio_ossl)}   (openssl {s(ossl)})")
print(f"load average (1 min) after each round   : {' '.join(f'{x:.2f}' for x in col(8))}")
PY
if [[ -n "${TRACE:-}" ]]; then
  echo "syscalls during the publish (perf trace, all rounds), ms:"
  python3 - trace-*.txt <<'PY'
import re, sys, collections
tot = collections.defaultdict(lambda: [0, 0.0])
for f in sys.argv[1:]:
    thread = None
    for line in open(f):
        m = re.match(r"\s*(\S.*?) \(\d+\), \d+ events", line)
        if m:
            n = m.group(1)
            thread = ("eventloop" if n.startswith("vert.x-eventloo") else "upload" if n.startswith("keel-uploads")
                      else "publish" if n.startswith("keel-publishes") else None)
            continue
        m = re.match(r"\s+(\w+)\s+(\d+)\s+\d+\s+([\d.]+)", line)
        if m and thread:
            t = tot[(thread, m.group(1))]; t[0] += int(m.group(2)); t[1] += float(m.group(3))
for (thread, call), (n, ms) in sorted(tot.items()):
    print(f"  {thread:10} {call:8} {n:8} calls {ms:10.0f} ms")
PY
fi
[[ -n "${KEEP:-}" ]] || rm -rf data scratch
