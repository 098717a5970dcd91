-- setmetatable(t, nil) removes a metatable.
local t = setmetatable({}, { __index = { x = 1 } })
print(t.x)
setmetatable(t, nil)
print(t.x, getmetatable(t))
