-- Deep recursion through a metamethod hits C Lua's nesting limit.
local t = setmetatable({}, {})
getmetatable(t).__index = function(self, k) return self[k] end
print(pcall(function() return t.x end))
