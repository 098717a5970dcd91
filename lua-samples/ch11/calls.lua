-- __call makes a table callable; __tostring and __name change how a value
-- is shown; __metatable protects a metatable.
local counter = setmetatable({ n = 0 }, {
  __call = function(self, by) self.n = self.n + (by or 1); return self.n end,
})
print(counter(), counter(5), counter.n)

local point = setmetatable({}, { __tostring = function() return "a point" end })
print(point, tostring(point))

local protected = setmetatable({}, { __metatable = "locked" })
print(getmetatable(protected), getmetatable({}), getmetatable(setmetatable({}, getmetatable({}))))
