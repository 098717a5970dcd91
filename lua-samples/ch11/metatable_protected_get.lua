-- __metatable hides the metatable from getmetatable.
local t = setmetatable({}, { __metatable = { fake = true } })
print(getmetatable(t).fake, getmetatable(t) ~= nil)
