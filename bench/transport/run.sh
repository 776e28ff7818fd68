#!/usr/bin/env bash
# Throughput sanity check: HttpTransport vs curl on a 1 GiB file over loopback.
# Usage: bench/transport/run.sh [rounds]
#   env: SIZE_MIB=1024, SERVER=auto|nginx|sendfile|httpserver, COLD=5 (extra fresh-JVM runs)
# Each round downloads the file once with curl and once with HttpTransport, alternating which goes
# first (one JVM; round 0 is cold). Prints MB/s per round and the median ratio HttpTransport/curl. Not a test: numbers are noisy.
set -euo pipefail

RUNS="${1:-11}"
SIZE_MIB="${SIZE_MIB:-1024}"
SERVER="${SERVER:-auto}"
COLD="${COLD:-5}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/bench/out/transport"
WWW="$OUT/www"
mkdir -p "$WWW" "$OUT/classes"

FILE="$WWW/image.bin"
if [[ ! -f "$FILE" || $(stat -c %s "$FILE") -ne $((SIZE_MIB * 1024 * 1024)) ]]; then
  echo "creating ${SIZE_MIB} MiB of random data in $FILE" >&2
  head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$FILE"
fi
cat "$FILE" > /dev/null # into the page cache

echo "compiling tuf-core and the bench" >&2
(cd "$ROOT" && ./mvnw -q -pl tuf-core compile)
javac -d "$OUT/classes" -cp "$ROOT/tuf-core/target/classes" "$ROOT/bench/transport/TransportBench.java"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
if [[ "$SERVER" == auto ]]; then
  if command -v nginx > /dev/null; then SERVER=nginx; else SERVER=sendfile; fi
fi
case "$SERVER" in
  nginx)
    mkdir -p "$OUT/nginx"
    cat > "$OUT/nginx/nginx.conf" << CONF
worker_processes 2;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $OUT/nginx;
  proxy_temp_path $OUT/nginx;
  fastcgi_temp_path $OUT/nginx;
  uwsgi_temp_path $OUT/nginx;
  scgi_temp_path $OUT/nginx;
  server { listen 127.0.0.1:$PORT; root $WWW; }
}
CONF
    nginx -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
    ;;
  sendfile) python3 "$ROOT/bench/transport/sendfile_server.py" "$PORT" "$WWW" & ;;
  httpserver) python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WWW" > /dev/null 2>&1 & ;;
  *) echo "unknown SERVER=$SERVER" >&2; exit 2 ;;
esac
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2> /dev/null || true' EXIT
URL="http://127.0.0.1:$PORT/image.bin"
for _ in $(seq 50); do curl -s -o /dev/null "$URL" -r 0-0 && break; sleep 0.1; done

echo "server: $SERVER, file: ${SIZE_MIB} MiB, rounds: $RUNS (+1 cold)" >&2
java -cp "$OUT/classes:$ROOT/tuf-core/target/classes" TransportBench "$URL" "$RUNS"
# A one-shot updater runs cold: measure more fresh JVMs, one download each.
echo "cold: $COLD more fresh JVMs, one round each" >&2
for _ in $(seq "$COLD"); do
  java -cp "$OUT/classes:$ROOT/tuf-core/target/classes" TransportBench "$URL" 0
done
