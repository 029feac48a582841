#!/bin/sh
# Benchmark GET /api/v1/services/{id} of linea311 against nginx serving
# the same bytes from a file, in the same run, with wrk on loopback.
#
# Usage: bench/http/service_get.sh BUILD/linea311 [SECONDS]
# Prints a Markdown table for docs/benchmarks.md. Both servers get the
# same number of worker threads (one per core).
set -eu

bin=$(realpath "$1")
seconds=${2:-10}
cores=$(nproc)
work=$(mktemp -d /tmp/linea311-bench-XXXXXX)
trap 'kill $server_pid $nginx_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

"$bin" init --bundled --data "$work/data" >/dev/null 2>&1
port=$(free_port)
"$bin" serve --data "$work/data" --listen "127.0.0.1:$port" --threads "$cores" \
	--access-log /dev/null --log-level warn 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port/api/v1/services/1"
mkdir -p "$work/www"
curl -sf "$url" >"$work/www/service.json"
bytes=$(wc -c <"$work/www/service.json")

nport=$(free_port)
cat >"$work/nginx.conf" <<CONF
user root;
worker_processes $cores;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		root $work/www;
		default_type application/json;
	}
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/service.json" >/dev/null && break; sleep 0.1; done

rps() {
	wrk -t2 -c"$1" -d"${seconds}s" --latency "$2" | awk '/Requests\/sec/ {print $2}'
}

echo "| connections | linea311 req/s | nginx req/s | ratio |"
echo "|---|---|---|---|"
for c in 32 256; do
	ours=$(rps "$c" "$url")
	theirs=$(rps "$c" "http://127.0.0.1:$nport/service.json")
	ratio=$(python3 -c "print(f'{$ours/$theirs:.2f}')")
	echo "| $c | $ours | $theirs | $ratio |"
done
echo
echo "Body: $bytes bytes; $cores cores; ${seconds}s per run; wrk -t2."
