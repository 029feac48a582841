-- wrk script: POST /api/v1/cases with the same body on every request and
-- count the 201 responses apart from any other status. The service id and
-- the bearer token come from the environment variables BENCH_SERVICE_ID
-- and BENCH_TOKEN.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = string.format(
	'{"service_id": %s, "description": "Bache frente a la escuela (prueba de carga)", "municipio": "San Juan", "channel": "phone"}',
	os.getenv("BENCH_SERVICE_ID"))

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	created = 0
	other = 0
end

function response(status, headers, body)
	if status == 201 then
		created = created + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local total_created, total_other = 0, 0
	for _, thread in ipairs(threads) do
		total_created = total_created + thread:get("created")
		total_other = total_other + thread:get("other")
	end
	io.write(string.format("created %d other %d p50_ms %.2f p99_ms %.2f\n",
		total_created, total_other, latency:percentile(50) / 1000,
		latency:percentile(99) / 1000))
end
