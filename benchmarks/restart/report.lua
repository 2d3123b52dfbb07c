-- wrk script: keep-alive GETs of /hello, counting every response that is not 2xx (wrk's
-- own summary.errors.status counts only status > 399), and one machine-readable line at
-- the end:
--   RESULT requests=<completed responses> non2xx=<n> connect=<n> read=<n> write=<n> timeout=<n> seconds=<s>
-- Socket errors are wrk's counters: events on a connection (a refused connect, a read that
-- fails or meets EOF before a complete response, ...), not requests.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, t in ipairs(threads) do
    non2xx = non2xx + (t:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d seconds=%.1f\n",
    summary.requests, non2xx, e.connect, e.read, e.write, e.timeout, summary.duration / 1e6))
end
