-- The second operand's metamethod is used when the first has none.
local mt = { __sub = function(a, b) return "sub" end, __concat = function() return "cat" end }
local t = setmetatable({}, mt)
print(10 - t, "x" .. t, t - 10)
