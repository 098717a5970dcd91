-- Every arithmetic and bitwise event, and which operand's metamethod wins.
local mt = {}
local events = { "__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__idiv",
  "__band", "__bor", "__bxor", "__shl", "__shr", "__bnot" }
local n = 0
for i = 1, #events do
  local name = events[i]
  mt[name] = function(a, b) n = n + 1; return name end
end
local t = setmetatable({}, mt)
print(t + 1, 1 - t, t * t, t / 2, 2 % t, t ^ 2, -t, t // 1)
print(t & 1, 1 | t, t ~ t, t << 1, 1 >> t, ~t, n)
local left = setmetatable({}, { __add = function() return "left" end })
local right = setmetatable({}, { __add = function() return "right" end })
print(left + right, right + left, 1 + right, left + 1)
