-- Unary metamethods get the operand twice.
local mt = {
  __unm = function(a, b) return rawequal(a, b) and "unm" or "?" end,
  __bnot = function(a, b) return rawequal(a, b) and "bnot" or "?" end,
}
local t = setmetatable({}, mt)
print(-t, ~t)
