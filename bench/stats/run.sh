#!/bin/sh
# Statistics benchmark: N generated cases of one year (default 3,000,000
# of 2025) loaded with `linea311 import --cases`, one call per case added
# in SQL, then the engine timed in process (bench_stats) and over HTTP.
#
# Usage (from the repository root):
#   bench/stats/run.sh [N]
# Builds build-bench/ with make and works in a temporary directory that it
# removes at the end (about 2 GB for 3,000,000 cases); the server listens
# on 127.0.0.1 only and is stopped at the end. Needs curl and the sqlite3
# command-line shell.
set -eu

n=${1:-3000000}
year=2025
clock=2026-01-15T16:00:00Z
build=${BUILD:-build-bench}
tmp=$(mktemp -d /tmp/linea311-bench-stats.XXXXXX)
pid=""
password=bench-stats-clave-311

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

make -s BUILD="$build" "$build/linea311" "$build/liblinea311.a"
cc -std=c17 -O2 -g -Isrc -I"$build/gen" $(pkg-config --cflags jansson sqlite3) -pthread \
	-o "$build/bench_stats" bench/stats/bench_stats.c "$build/liblinea311.a" \
	$(pkg-config --libs libmicrohttpd jansson sqlite3 libsodium libcurl libical cairo pangocairo fontconfig) \
	-lstemmer -lm -lpthread

echo "== generate $n cases of $year"
python3 bench/stats/gen_cases.py "$n" "$year" "$tmp/cases.csv"
ls -l "$tmp/cases.csv" | awk '{printf "%s: %.0f MB\n", $NF, $5 / 1e6}'

echo "== import --cases (one transaction)"
LINEA311_ADMIN_PASSWORD=$password "$build/linea311" init --data "$tmp/data" >/dev/null 2>&1
/usr/bin/time -f "import: %e s wall, %M kB peak RSS" \
	"$build/linea311" import --cases --create-missing "$tmp/cases.csv" --data "$tmp/data" \
	2>&1 | grep -v " info "
rm -f "$tmp/cases.csv"

echo "== one call per case (SQL), then restart the change log"
start=$(date +%s)
sqlite3 "$tmp/data/linea311.db" <<'SQL'
BEGIN;
INSERT INTO calls (type, channel, service_id, agency_id, case_id, operator, started_at,
		   created_at, updated_at)
SELECT CASE id % 4 WHEN 0 THEN 'information' WHEN 1 THEN 'transaction'
		   WHEN 2 THEN 'referral' ELSE 'follow_up' END,
       channel, service_id, agency_id, id, created_by, created_at, created_at, created_at
FROM cases;
DELETE FROM stats_changes;
UPDATE stats_state SET epoch = epoch + 1 WHERE id = 1;
COMMIT;
SQL
echo "calls: $(($(date +%s) - start)) s; database $(du -m "$tmp/data/linea311.db" | cut -f1) MB"

echo "== in process (bench_stats, 20 runs of each query)"
LINEA311_TEST_CLOCK=$clock "$build/bench_stats" "$tmp/data" "$year" 20

echo "== HTTP: GET /api/v1/stats with curl on 127.0.0.1"
port=$((30000 + $$ % 10000))
"$build/linea311" serve --data "$tmp/data" --listen "127.0.0.1:$port" --test-clock "$clock" \
	>"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
	curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log"; exit 1; }
	sleep 0.5
done
token=$(curl -fs -H 'Content-Type: application/json' \
	-d "{\"username\": \"admin\", \"password\": \"$password\", \"client\": \"api\"}" \
	"http://127.0.0.1:$port/api/v1/session" | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
get() {
	curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
		"http://127.0.0.1:$port/api/v1/stats?$1" || echo "failed: $1" >&2
}
# The server loads the copy in the background when it starts; wait for it.
for _ in $(seq 1 600); do
	grep -q "statistics copy ready" "$tmp/serve.log" && break
	sleep 1
done
grep "statistics copy ready" "$tmp/serve.log" | sed 's/^.*stats: //'
echo "first request: $(get "period=$year") s"
for q in "period=$year" "period=$year&group_by=agency" "period=$year&group_by=day" \
	"period=$year-06" "period=$year-06&group_by=service" "period=$year-06&agency_id=1&group_by=day"; do
	times=$(for _ in $(seq 1 10); do get "$q"; done | sort -n)
	echo "$q: median $(echo "$times" | sed -n 5p) s, max $(echo "$times" | tail -n 1) s (10 runs)"
done
echo "server RSS: $(grep VmRSS /proc/$pid/status | awk '{printf "%.0f MB", $2 / 1024}')," \
	"peak $(grep VmHWM /proc/$pid/status | awk '{printf "%.0f MB", $2 / 1024}')"
