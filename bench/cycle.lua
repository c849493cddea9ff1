-- wrk: request each path of the file given after `--` in turn, every thread its own share
-- (bench/pages.py, "catalogue, distinct searches"). The -H headers are kept.
local counter = 0
local threads = 2

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  n = 0
end

function request()
  local path = paths[((n * threads + id) % #paths) + 1]
  n = n + 1
  return wrk.format(nil, path)
end
