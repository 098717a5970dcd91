-- `__len` is called with the operand twice, as every unary metamethod is.
local seen = {}
local t = setmetatable({}, {__len = function(a, b, c)
  seen.same, seen.third = rawequal(a, b), c
  return 7
end})
print(#t, seen.same, seen.third)
