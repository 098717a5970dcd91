-- Without __le, a <= b is not (b < a) through __lt.
local mt = { __lt = function(a, b) return a.v < b.v end }
local x, y = setmetatable({ v = 1 }, mt), setmetatable({ v = 2 }, mt)
print(x <= y, y <= x, x <= x, x >= y)
