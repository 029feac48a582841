#!/bin/sh
# Benchmark case creation over HTTP: N concurrent clients POST
# /api/v1/cases against the real server, and each request receives 201 only
# after the transaction holding its case has committed with
# synchronous=FULL. The
# same run measures one transaction per case (group_commit off) and group
# commit (on), each on a fresh data directory.
#
# Usage: bench/cases_create/run.sh BUILD/linea311 [SECONDS] [CLIENTS]
# Defaults: 10 seconds, 32 clients. Prints a Markdown table for
# docs/benchmarks.md. Needs wrk, curl and the sqlite3 shell. Everything
# listens on 127.0.0.1 and the temporary directory is removed at the end.
set -eu

bin=$(realpath "$1")
seconds=${2:-10}
clients=${3:-32}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/linea311-bench-cases-XXXXXX)
server_pid=""

cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

json_id() {
	python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

password=bench-casos-clave-311

# Create an integrated agency and a published service that takes
# referrals as the administrator; print the service id.
setup_service() {
	api=$1
	shift
	agency=$(curl -sf -X POST "$api/agencies" "$@" -d '{
		"acronym": "BENCH", "name": {"es": "Agencia de Prueba de Carga"},
		"level": "state", "integration_status": "integrated", "licences": 1,
		"onboarding": {"liaison_named": "2026-01-10", "content_meetings": "2026-02-01",
		"templates_approved": "2026-03-01", "operator_orientation": "2026-04-01",
		"test_calls": "2026-05-01", "licences_acquired": "2026-05-15",
		"liaison_training": "2026-06-01", "agreement_signed": "2026-06-15"}}' | json_id)
	service=$(curl -sf -X POST "$api/services" "$@" -d "{
		\"agency_id\": $agency, \"referrals_allowed\": true, \"sla2_days\": 30,
		\"name\": {\"es\": \"Reparación de baches\"},
		\"template\": {\"description\": {\"es\": \"Reparación de baches en carreteras estatales.\"}}}" | json_id)
	for status in in_review approved published; do
		curl -sf -X POST "$api/services/$service/status" "$@" \
			-d "{\"status\": \"$status\"}" >/dev/null
	done
	echo "$service"
}

# Run one mode (on or off) and print its table row.
run_mode() {
	mode=$1
	data="$work/data-$mode"
	LINEA311_ADMIN_PASSWORD=$password "$bin" init --bundled --data "$data" >/dev/null 2>&1
	port=$(free_port)
	"$bin" serve --data "$data" --listen "127.0.0.1:$port" --threads "$clients" \
		--group-commit "$mode" --access-log /dev/null --log-level warn \
		2>"$work/server-$mode.log" &
	server_pid=$!
	for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	api="http://127.0.0.1:$port/api/v1"
	token=$(curl -sf -X POST "$api/session" -H 'Content-Type: application/json' \
		-d "{\"username\": \"admin\", \"password\": \"$password\", \"client\": \"api\"}" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
	service=$(setup_service "$api" -H 'Content-Type: application/json' \
		-H "Authorization: Bearer $token")
	before=$(sqlite3 "$data/linea311.db" 'SELECT COUNT(*) FROM cases')

	out=$(BENCH_SERVICE_ID=$service BENCH_TOKEN=$token wrk -t2 -c"$clients" -d"${seconds}s" --timeout 10s \
		-s "$here/post_case.lua" "$api/cases")
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	created=$(echo "$out" | awk '/^created/ {print $2}')
	other=$(echo "$out" | awk '/^created/ {print $4}')
	p50=$(echo "$out" | awk '/^created/ {print $6}')
	p99=$(echo "$out" | awk '/^created/ {print $8}')

	# Kill the server without letting it finish anything: every case that
	# received 201 must already be in the database.
	kill -9 "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
	stored=$(( $(sqlite3 "$data/linea311.db" 'SELECT COUNT(*) FROM cases') - before ))
	durable=yes
	[ "$stored" -ge "$created" ] || durable=NO
	echo "| $mode | $rps | $created | $other | $stored | $durable | $p50 | $p99 |"
}

echo "| group commit | cases/s | 201 responses | other responses | cases stored | every 201 stored | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|---|---|"
run_mode off
run_mode on
echo
echo "$clients clients (wrk -t2 -c$clients), ${seconds}s per mode, server --threads $clients, $(nproc) cores, synchronous=FULL."
