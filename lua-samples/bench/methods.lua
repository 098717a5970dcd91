-- Method calls through a metatable's __index (objects and classes).
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:add(other) return Point.new(self.x + other.x, self.y + other.y) end
function Point:norm1() return self.x + self.y end
local p = Point.new(0, 0)
local step = Point.new(1, 2)
for i = 1, 2000000 do
  p = p:add(step)
end
print(p:norm1())
