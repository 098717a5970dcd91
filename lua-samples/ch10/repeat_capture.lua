-- repeat...until sees the body's locals in its condition.
local fns = {}
local n = 0
repeat
  n = n + 1
  local v = n * 10
  fns[n] = function() return v end
until v >= 30
print(#fns, fns[1](), fns[3]())
