#!/usr/bin/env bash
# Benchmark: repo-server vs nginx serving the same repository directory on loopback (metadata and
# a 1 GiB target). The repository is made by publishing three images through the API; what a
# publish costs is measured by bench/publish/run.sh. Not part of the test suite.
# usage: bench/repo-server/run.sh [WORKDIR]   (needs ~7 GiB free; installs nginx-light and wrk if missing)
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d /tmp/keel-bench.XXXXXX)}"
# mktemp makes the folder 0700; nginx's workers (www-data, not root) must reach the files in it.
chmod a+rx "$work"
keel_port=18181; nginx_port=18182; size_mib="${BENCH_IMAGE_MIB:-1024}"; duration="${BENCH_SECONDS:-10}"
rounds="${BENCH_ROUNDS:-5}"; warmup="${BENCH_WARMUP:-20}"
mkdir -p "$work"
need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2" >&2; apt-get install -y -qq "$2" >/dev/null; }; }
need nginx nginx-light; need wrk wrk; need curl curl; need openssl openssl; need bc bc

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== building repo-server" >&2
"$top/mvnw" -q -f "$top/pom.xml" -DskipTests -pl repo-server -am package >&2

echo "== starting repo-server (dev mode) on 127.0.0.1:$keel_port" >&2
KEEL_REPO_DIR="$work/data" KEEL_REPO_PORT=$keel_port KEEL_ACCESS_LOG="${BENCH_ACCESS_LOG:-true}" \
  "$top/bin/repo-server" >"$work/server.out" 2>"$work/server.err" &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$keel_port/healthz" >/dev/null && break; sleep 0.2; done
token="$(cat "$work/data/dev-keys/api-token")"
auth="Authorization: Bearer $token"

echo "== making three ${size_mib} MiB images" >&2
for k in boot root hash; do
  [ -f "$work/$k.img" ] || head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/$k.img"
done
body='{"version":"1.0.0","waves":"default","images":{'
sep=""
for k in boot root hash; do
  sha=$(curl -fs -T "$work/$k.img" -H "$auth" \
    "http://127.0.0.1:$keel_port/api/v1/uploads?name=$k" | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')
  body+="$sep\"$k\":{\"name\":\"bench-$k.img\",\"sha256\":\"$sha\"}"; sep=","
done
body+='}}'
curl -fs -X POST -H "$auth" -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$keel_port/api/v1/repos/bench/x86_64/releases" >/dev/null

echo "== starting nginx on 127.0.0.1:$nginx_port over the same directory" >&2
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx.err;
daemon off;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/data; }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" &
pids+=($!)
sleep 1

ts_path="/metadata/bench/x86_64/timestamp.json"
target_path="/targets/$(cd "$work/data/targets" && ls | grep 'bench-boot.img$')"

ms() {  # a wrk duration (850.00us, 1.20ms, 1.01s) in milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v }'
}
wrk_run() {  # prints "req/s mean_ms p99_ms"
  wrk -t2 -c64 -d"${duration}s" --latency "http://127.0.0.1:$1$ts_path" > "$work/wrk-$1.txt"
  grep -q 'Non-2xx' "$work/wrk-$1.txt" && { echo "non-2xx responses from port $1" >&2; exit 1; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt")" \
    "$(ms "$(awk '/^    Latency/ {print $2}' "$work/wrk-$1.txt")")" \
    "$(ms "$(awk '/^ +99%/ {print $2}' "$work/wrk-$1.txt")")"
}
ratio() { echo "scale=2; $1 / $2" | bc; }
echo "== wrk: 64 connections, ${duration}s, timestamp.json, $rounds rounds" >&2
wrk -t2 -c64 -d"${warmup}s" "http://127.0.0.1:$keel_port$ts_path" >/dev/null  # JIT warm-up
rows=""; k_sum=0; n_sum=0; k_p99s=""; n_p99s=""; p99_wins=0
for r in $(seq 1 "$rounds"); do  # alternate, so that a load spike from elsewhere hits both
  # Command substitutions in assignments, so that wrk_run's exit on a non-2xx stops the script.
  k_line="$(wrk_run $keel_port)"; n_line="$(wrk_run $nginx_port)"
  read -r k_rps k_mean k_p99 <<< "$k_line"
  read -r n_rps n_mean n_p99 <<< "$n_line"
  k_p99s+=" $k_p99"; n_p99s+=" $n_p99"
  [ "$(echo "$k_p99 <= $n_p99" | bc)" = 1 ] && p99_wins=$((p99_wins + 1))
  rows+=$(printf '\n  round %d  repo-server %9.0f req/s mean %6.3f ms p99 %6.3f ms | nginx %9.0f req/s mean %6.3f ms p99 %6.3f ms | %s x rate, %s x p99' \
    "$r" "$k_rps" "$k_mean" "$k_p99" "$n_rps" "$n_mean" "$n_p99" "$(ratio "$k_rps" "$n_rps")" "$(ratio "$k_p99" "$n_p99")")
  k_sum=$(echo "$k_sum + $k_rps" | bc); n_sum=$(echo "$n_sum + $n_rps" | bc)
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
k_p99_median=$(echo "$k_p99s" | median); n_p99_median=$(echo "$n_p99s" | median)

dl() {  # prints MB/s of one download
  curl -fs -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$1$target_path" | awk '{printf "%.0f", $1 / 1e6}'
}
echo "== curl: ${size_mib} MiB target, $rounds rounds" >&2
dl $keel_port >/dev/null; dl $nginx_port >/dev/null  # warm the page cache and both servers
keel_dl=0; nginx_dl=0; dl_rows=""
for r in $(seq 1 "$rounds"); do  # the best of the rounds: a download is short, and noise only slows
  k=$(dl $keel_port); n=$(dl $nginx_port); dl_rows+=" $k/$n"
  [ "$k" -gt "$keel_dl" ] && keel_dl=$k; [ "$n" -gt "$nginx_dl" ] && nginx_dl=$n
done

cat <<OUT
repo-server benchmark ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ))
timestamp.json, wrk -t2 -c64 -d${duration}s --latency, access log $([ "${BENCH_ACCESS_LOG:-true}" = true ] && echo on || echo off), load average $load:$rows
  all rounds   $(ratio "$k_sum" "$n_sum") x nginx requests/s
  p99          median of the rounds: repo-server ${k_p99_median} ms, nginx ${n_p99_median} ms ($(ratio "$k_p99_median" "$n_p99_median") x); repo-server <= nginx in ${p99_wins} of ${rounds} rounds
${size_mib} MiB target download (curl, warm cache, best of $rounds; repo-server/nginx MB/s per round:$dl_rows):
  repo-server  ${keel_dl} MB/s
  nginx        ${nginx_dl} MB/s
  ratio        $(echo "scale=2; $keel_dl / $nginx_dl" | bc)
OUT
