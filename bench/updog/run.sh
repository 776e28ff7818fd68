#!/usr/bin/env bash
# updog install pipeline benchmark: a 2 GiB ext4 root image (about 1.5 GB of system files plus
# 160 MiB of random bytes, LZ4-compressed by the lz4 CLI with its defaults), published on a local
# repo-server, installed by `bin/updog update-image` into ROOT-B of a sparse GPT disk image made
# with sgdisk; against, in the same run, `curl | lz4 -d | dd conv=fsync` from the same server and a
# plain `dd conv=fsync` of the decompressed image, into the same partition.
# Usage: bench/updog/run.sh     (env: RUNS=3, BENCH_DIR=bench/out/updog, PORT=18480, NICE=0: the
# scheduling priority of the three measured commands, e.g. NICE=-5 (as root) on a machine shared with builds)
# Needs: mkfs.ext4, lz4, sgdisk, curl, python3, GNU time. Not a test; output goes to BENCH_DIR.
set -euo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${BENCH_DIR:-$TOP/bench/out/updog}"
RUNS="${RUNS:-3}"
PORT="${PORT:-18480}"
RUN=(nice -n "${NICE:-0}")
mkdir -p "$OUT"
cd "$OUT"

echo "building updog-client and repo-server (package, no tests; nothing is installed)" >&2
(cd "$TOP" && ./mvnw -q -pl updog-client,repo-server -am package -DskipTests)
# The launchers and jars are copied, so that a rebuild of the tree during the run changes nothing.
rm -rf dist && mkdir -p dist/bin
cp "$TOP"/bin/{keel-launch,keel-common.sh,updog,repo-server} dist/bin/
for m in updog-client repo-server; do
  mkdir -p "dist/$m/target" && cp -r "$TOP/$m/target/$m"-*.jar "$TOP/$m/target/lib" "dist/$m/target/"
done
BIN="$OUT/dist/bin"

# --- the images ---
if [[ ! -f root.img ]]; then
  echo "making root.img (2 GiB ext4)" >&2
  rm -rf stage && mkdir -p stage
  cp -a /usr/bin /usr/lib/x86_64-linux-gnu /usr/lib/jvm stage/ 2> /dev/null || true
  head -c 160M /dev/urandom > stage/random.bin
  truncate -s 2G root.img
  mkfs.ext4 -q -F -d stage root.img
  rm -rf stage
fi
[[ -f root.img.lz4 ]] || lz4 -q -f root.img root.img.lz4
[[ -f boot.img.lz4 ]] || { head -c 8M /dev/urandom > boot.img; lz4 -q -f boot.img boot.img.lz4; }
[[ -f hash.img.lz4 ]] || { head -c 1M /dev/urandom > hash.img; lz4 -q -f hash.img hash.img.lz4; }
RAW=$(stat -c %s root.img)
echo "root.img: $RAW bytes, root.img.lz4: $(stat -c %s root.img.lz4) bytes" >&2

# --- the LZ4 decoders, on this frame ---
mkdir -p lib
[[ -f lib/commons-codec-1.19.0.jar ]] || (cd "$TOP" && for a in org.apache.commons:commons-compress:1.28.0 \
    commons-io:commons-io:2.20.0 org.apache.commons:commons-lang3:3.18.0 commons-codec:commons-codec:1.19.0; do
  ./mvnw -q -N dependency:copy -Dartifact="$a" -DoutputDirectory="$OUT/lib"; done)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== LZ4 frame decoders (single thread, file in page cache; Commons Compress on the first 256 MiB only)"
"${RUN[@]}" java -cp "dist/updog-client/target/lib/*:lib/*" "$TOP/bench/updog/Lz4Decoders.java" root.img.lz4 "$RAW" 2

# --- the repository ---
rm -rf repo host
KEEL_REPO_DIR="$OUT/repo" KEEL_REPO_PORT="$PORT" KEEL_ACCESS_LOG=false "$BIN/repo-server" > repo-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2> /dev/null || true' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
TOKEN="$(cat repo/dev-keys/api-token)"
upload() { curl -sf -X PUT -H "Authorization: Bearer $TOKEN" --data-binary "@$1" "$BASE/api/v1/uploads" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"])'; }
SHA_ROOT=$(upload root.img.lz4); SHA_BOOT=$(upload boot.img.lz4); SHA_HASH=$(upload hash.img.lz4)
P=bottlerocket-aws-k8s-x86_64-1.1.0
curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/repos/aws-k8s/x86_64/releases" -d "{\"version\":\"1.1.0\",
  \"waves\":\"none\", \"migrations\":{\"(1.0.0, 1.1.0)\":[]}, \"images\":{
  \"boot\":{\"name\":\"$P-boot.ext4.lz4\",\"sha256\":\"$SHA_BOOT\"},
  \"root\":{\"name\":\"$P-root.ext4.lz4\",\"sha256\":\"$SHA_ROOT\"},
  \"hash\":{\"name\":\"$P-root.verity.lz4\",\"sha256\":\"$SHA_HASH\"}}}" > /dev/null
ROOT_URL="$BASE/targets/$SHA_ROOT.$P-root.ext4.lz4"
echo "== updog's stages one at a time (one thread each, one JVM, the flags bin/updog uses)"
"${RUN[@]}" java -XX:+UseSerialGC -Xmx64m -cp "dist/updog-client/target/lib/*" "$TOP/bench/updog/Stages.java" \
  "$ROOT_URL" root.img.lz4 stage.out
rm -f stage.out

# --- the host: Bottlerocket's partition types and order (section 4.1), ROOT 2 GiB + 2 MiB ---
mkdir -p host/etc host/usr/lib host/usr/share/updog host/proc
truncate -s 4200M host/disk.img
T_BOOT=6b636168-7420-6568-2070-6c616e657421; T_ROOT=5526016a-1a97-4ea4-b39a-b7c8c6ca4502
T_HASH=598f10af-c955-4456-6a99-7720068a6cea; T_RES=0c5d99a5-d331-4147-baef-08e2b855bdc9
sgdisk -Z \
  -n 1:0:+1M -t 1:21686148-6449-6e6f-744e-656564454649 -c 1:BIOS-BOOT \
  -n 2:0:+1M -t 2:c12a7328-f81f-11d2-ba4b-00a0c93ec93b -c 2:EFI-SYSTEM \
  -n 3:0:+16M -t 3:$T_BOOT -c 3:BOTTLEROCKET-BOOT-A -n 4:0:+2050M -t 4:$T_ROOT -c 4:BOTTLEROCKET-ROOT-A \
  -n 5:0:+2M -t 5:$T_HASH -c 5:BOTTLEROCKET-HASH-A -n 6:0:+1M -t 6:$T_RES -c 6:BOTTLEROCKET-RESERVED-A \
  -n 7:0:+1M -t 7:b39ce39c-0a00-b4ab-2d11-f18f8237a21c -c 7:EFI-BACKUP \
  -n 8:0:+16M -t 8:$T_BOOT -c 8:BOTTLEROCKET-BOOT-B -n 9:0:+2050M -t 9:$T_ROOT -c 9:BOTTLEROCKET-ROOT-B \
  -n 10:0:+2M -t 10:$T_HASH -c 10:BOTTLEROCKET-HASH-B -n 11:0:+1M -t 11:$T_RES -c 11:BOTTLEROCKET-RESERVED-B \
  -n 12:0:+4M -t 12:440408bb-eb0b-4328-a6e5-a29038fad706 -c 12:BOTTLEROCKET-PRIVATE \
  -n 13:0:0 -t 13:626f7474-6c65-6474-6861-726d61726b73 \
  -A 3:set:48 -A 3:set:56 host/disk.img > /dev/null
BOOT_A=$(sgdisk -i 3 host/disk.img | sed -n 's/^Partition unique GUID: //p')
SEEK=$(( $(sgdisk -i 9 host/disk.img | sed -n 's/^First sector: \([0-9]*\).*/\1/p') * 512 / 1048576 ))
echo "BOOT_IMAGE=/vmlinuz PARTUUID=${BOOT_A,,}/PARTNROFF=1" > host/proc/cmdline
cp repo/root.json host/usr/share/updog/root.json
printf 'NAME=Bottlerocket\nPRETTY_NAME="Bottlerocket OS 1.0.0 (aws-k8s)"\nVARIANT_ID=aws-k8s\nVERSION_ID=1.0.0\nBUILD_ID=bench\n' > host/usr/lib/os-release
printf 'metadata_base_url = "%s/metadata/aws-k8s/x86_64/"\ntargets_base_url = "%s/targets/"\nseed = 100\nversion_lock = "latest"\nignore_waves = false\n' \
  "$BASE" "$BASE" > host/etc/updog.toml

# updog's start-up archive, recorded once as an installation would (bin/keel-launch): about 0.25 s
# less per start here. Without it, updog runs as before.
KEEL_CDS_TRAIN=1 "$BIN/updog" --root host --disk host/disk.img check-update > /dev/null 2>&1

now() { date +%s.%N; }
rate() { python3 -c "print(f'{$RAW/1e6/($2-$1):.0f}')"; }
cat root.img root.img.lz4 > /dev/null
declare -a DD PIPE UPDOG
for i in $(seq "$RUNS"); do
  sync
  t0=$(now); "${RUN[@]}" dd if=root.img of=host/disk.img bs=1M seek="$SEEK" conv=notrunc,fsync status=none; t1=$(now)
  DD+=("$(rate "$t0" "$t1")")
  sync
  t0=$(now); "${RUN[@]}" curl -sf "$ROOT_URL" | "${RUN[@]}" lz4 -d -c | "${RUN[@]}" dd of=host/disk.img bs=1M seek="$SEEK" conv=notrunc,fsync iflag=fullblock status=none; t1=$(now)
  PIPE+=("$(rate "$t0" "$t1")")
  sync
  t0=$(now)
  JAVA_OPTS="-Xlog:gc:file=gc-$i.log" "${RUN[@]}" /usr/bin/time -f "%M" -o rss-$i.txt \
    "$BIN/updog" --root host --disk host/disk.img --log-level debug update-image > /dev/null 2> updog-$i.log
  t1=$(now)
  UPDOG+=("$(rate "$t0" "$t1")")
  echo "run $i: dd ${DD[-1]} MB/s, curl|lz4|dd ${PIPE[-1]} MB/s, updog ${UPDOG[-1]} MB/s (whole process), max RSS $(( $(cat rss-$i.txt) / 1024 )) MiB"
  grep -o 'wrote [^ ]*root.ext4.lz4.*' updog-$i.log || cat updog-$i.log
done
cmp -n "$RAW" root.img <(dd if=host/disk.img bs=1M skip="$SEEK" count=$((RAW / 1048576)) status=none) \
  && echo "ROOT-B holds exactly root.img"
sgdisk -v host/disk.img | grep -q 'No problems found' && echo "sgdisk -v: no problems found"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "${DD[@]}" -- "${PIPE[@]}" -- "${UPDOG[@]}" <<'PY'
import re, statistics, sys, glob
args = " ".join(sys.argv[1:]).split(" -- ")
dd, pipe, up = ([float(x) for x in a.split()] for a in args)
def s(v): return f"{statistics.median(v):.0f} [{min(v):.0f}-{max(v):.0f}]"
print(f"dd conv=fsync        MB/s: {s(dd)}")
print(f"curl | lz4 -d | dd   MB/s: {s(pipe)}")
print(f"updog update-image   MB/s: {s(up)}  (whole process: JVM start, TUF refresh, manifest, three images, fsync)")
r1 = [u / d for u, d in zip(up, dd)]; r2 = [u / p for u, p in zip(up, pipe)]
print(f"updog / dd           : {statistics.median(r1):.2f} [{min(r1):.2f}-{max(r1):.2f}]")
print(f"updog / curl|lz4|dd  : {statistics.median(r2):.2f} [{min(r2):.2f}-{max(r2):.2f}]")
peak = 0; cap = 0
for f in glob.glob("gc-*.log"):
    for m in re.finditer(r"(\d+)M->(\d+)M\((\d+)M\)", open(f).read()):
        peak = max(peak, int(m.group(1))); cap = max(cap, int(m.group(3)))
print(f"peak heap before a GC: {peak} MiB (heap capacity {cap} MiB, -Xmx64m)")
PY
