-- wrk script for the web service benchmark (BENCHMARKS.md, "Web service"):
-- each request is a search from this list, in turn; FACETS=n facet values
-- per facet (default 0: no facets; the web page asks for 10).
--   FACETS=0 wrk -t2 -c64 -d30s --latency -s examples/serve_bench.lua http://127.0.0.1:8080
local queries = {
  "hoi+nghi+quan+triet",
  "UBND+t%E1%BB%89nh",
  "person:%22Nguyen+Van%22",
  "chi+thi+OR+nghi+quyet",
  "deadline:2021",
  "org:%22So+Tai+chinh%22+date:2020",
  "chuyen+doi+so",
  "ky+hop+HDND",
}
local facets = os.getenv("FACETS") or "0"
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/search?q=" .. q .. "&per_page=10&facets=" .. facets)
end
