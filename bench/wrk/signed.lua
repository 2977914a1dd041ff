-- Sends pre-signed Slack requests to POST /slack/events, rotating through the lines of the file
-- named by BENCH_REQUESTS (timestamp, signature and body, tab-separated; written by WrkRequests
-- just before the run, as a signature is valid for five minutes). Requests are formatted once, in
-- init, so wrk's Lua does no work per request beyond picking the next one. done() prints the
-- figures as NAME=value lines for bench/run, latencies in milliseconds.

local requests = {}
local next_index = 1
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("BENCH_REQUESTS")
  if file == nil then
    error("BENCH_REQUESTS names no file of signed requests")
  end
  for line in io.lines(file) do
    local timestamp, signature, body = line:match("^(%d+)\t([^\t]+)\t(.+)$")
    if timestamp == nil then
      error("not a signed request line: " .. line)
    end
    requests[#requests + 1] = wrk.format("POST", "/slack/events", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Slack-Request-Timestamp"] = timestamp,
      ["X-Slack-Signature"] = signature,
    }, body)
  end
  if #requests == 0 then
    error("no signed requests in " .. file)
  end
  -- Threads start at different places in the list.
  next_index = (offset * 7919) % #requests + 1
end

function request()
  local formatted = requests[next_index]
  next_index = next_index % #requests + 1
  return formatted
end

function done(summary, latency, _)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("requests=%d\n", summary.requests))
  io.write(string.format("seconds=%.3f\n", seconds))
  io.write(string.format("rps=%.1f\n", summary.requests / seconds))
  io.write(string.format("bytes_per_answer=%d\n", summary.bytes / math.max(summary.requests, 1)))
  io.write(string.format("p50_ms=%.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms=%.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("max_ms=%.3f\n", latency.max / 1000))
  io.write(string.format("not_2xx=%d\n", errors.status))
  io.write(string.format("socket_errors=%d\n",
    errors.connect + errors.read + errors.write + errors.timeout))
end
