-- Arithmetic metamethods: a two-dimensional vector type.
local Vector = {}
Vector.__index = Vector
local function new(x, y) return setmetatable({ x = x, y = y }, Vector) end
Vector.__add = function(a, b) return new(a.x + b.x, a.y + b.y) end
Vector.__sub = function(a, b) return new(a.x - b.x, a.y - b.y) end
Vector.__mul = function(a, b)
  if type(a) == "number" then return new(a * b.x, a * b.y) end
  if type(b) == "number" then return new(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
Vector.__unm = function(a) return new(-a.x, -a.y) end
Vector.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vector.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
Vector.__len = function(v) return 2 end
Vector.__concat = function(a, b) return tostring(a) .. tostring(b) end
function Vector:length2() return self * self end

local a, b = new(1, 2), new(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(2 * a), tostring(a * 3))
print(tostring(-a), a == new(1, 2), a ~= b, rawequal(a, new(1, 2)), #a)
print(a .. b, a .. "!", "v=" .. a, b:length2())
