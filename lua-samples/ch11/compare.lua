-- __eq, __lt and __le (and __le falling back to not __lt(b, a)).
local Version = {}
Version.__lt = function(a, b) return a.n < b.n end
Version.__eq = function(a, b) return a.n == b.n end
local function v(n) return setmetatable({ n = n }, Version) end
print(v(1) < v(2), v(2) < v(1), v(1) <= v(1), v(2) >= v(3), v(1) == v(1), v(1) ~= v(2))
local Both = { __le = function() return "le" end, __lt = function() return nil end }
local x, y = setmetatable({}, Both), setmetatable({}, Both)
print(x <= y, x < y, x > y, x >= y)
print(rawequal(v(1), v(1)), v(1) == 1)
