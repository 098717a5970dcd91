-- A memoizing wrapper keeps its cache in an upvalue.
local function memoize(f)
  local cache = {}
  local calls = 0
  return function(n)
    if cache[n] == nil then calls = calls + 1; cache[n] = f(n) end
    return cache[n]
  end, function() return calls end
end
local fib
local calls
fib, calls = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80), calls())
