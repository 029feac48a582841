-- wrk script: GET /api/v1/search with each query of the file named by the
-- environment variable QUERIES (one a line), in turn, on every connection.
local queries = {}

local function encode(s)
	return (s:gsub("[^%w%-_%.~]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

for line in io.lines(os.getenv("QUERIES")) do
	if #line > 0 then
		queries[#queries + 1] = "/api/v1/search?q=" .. encode(line)
	end
end

local n = 0

request = function()
	n = n + 1
	return wrk.format("GET", queries[(n % #queries) + 1])
end

local errors = 0

response = function(status, headers, body)
	if status ~= 200 then
		errors = errors + 1
	end
end

done = function(summary, latency, requests)
	io.write(string.format("http: %d requests, %d non-2xx, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
		summary.requests, summary.errors.status,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000))
end
