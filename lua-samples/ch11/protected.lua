-- Changing a protected metatable is an error.
local t = setmetatable({}, { __metatable = false })
print(getmetatable(t))
setmetatable(t, {})
