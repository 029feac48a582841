#!/bin/sh
# Search benchmark: the in-process index, SQLite FTS5 and PostgreSQL's
# Spanish full-text search over the same generated corpus, then the HTTP
# endpoint under wrk with 32 connections on loopback.
#
# Usage (from the repository root):
#   bench/search/run.sh [SERVICES]        (default 100000)
# Builds build-bench/ with make, starts its own PostgreSQL (initdb, pg_ctl)
# and linea311 on 127.0.0.1 in a temporary directory, and stops both.
# PostgreSQL runs as the "postgres" user when started as root.
set -eu

services=${1:-100000}
build=${BUILD:-build-bench}
root=$(pwd)
tmp=$(mktemp -d /tmp/linea311-bench-search.XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pgport=$((20000 + $$ % 10000))
pid=""

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	if [ -f "$tmp/pg/postmaster.pid" ]; then
		as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== build"
make -s BUILD="$build" "$build/linea311" "$build/liblinea311.a"
cc -std=c17 -O2 -g -Isrc -Itests -I"$build/gen" $(pkg-config --cflags jansson sqlite3 libpq) -pthread \
	-o "$build/bench_search" bench/search/bench_search.c "$build/liblinea311.a" \
	$(pkg-config --libs jansson sqlite3 libpq) -lstemmer -lm -lpthread

echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"
mkdir -p "$tmp/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp" "$tmp/pg"
as_pg "$pgbin/initdb" -D "$tmp/pg" -U postgres --auth=trust -E UTF8 \
	--locale=C.UTF-8 >"$tmp/initdb.log" 2>&1
as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -w -l "$tmp/pg/server.log" \
	-o "-c listen_addresses=127.0.0.1 -p $pgport -k $tmp/pg -c shared_buffers=512MB -c fsync=off" \
	start >/dev/null

echo "== in process: linea311 index, SQLite FTS5, PostgreSQL ($services services)"
"$build/bench_search" -n "$services" -r 20 --queries-out "$tmp/queries.txt" \
	--pg "host=127.0.0.1 port=$pgport user=postgres dbname=postgres"

echo "== HTTP: linea311 serve, wrk -t2 -c32 -d20s on loopback"
"$build/linea311" init --bundled --data "$tmp/data" >/dev/null
"$build/bench_search" -n "$services" --fill-db "$tmp/data"
port=$((30000 + $$ % 10000))
"$build/linea311" serve --data "$tmp/data" --listen "127.0.0.1:$port" \
	>"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
	curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log"; exit 1; }
	sleep 0.5
done
grep "index built" "$tmp/serve.log" | sed 's/^.*search: /server: /'
QUERIES="$tmp/queries.txt" wrk -t2 -c32 -d5s -s bench/search/queries.lua \
	"http://127.0.0.1:$port" >/dev/null
QUERIES="$tmp/queries.txt" wrk -t2 -c32 -d20s --latency -s bench/search/queries.lua \
	"http://127.0.0.1:$port" | grep -E "^http:|Requests/sec"
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
