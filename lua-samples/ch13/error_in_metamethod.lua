-- An error inside a metamethod is reported where the metamethod raised it.
local t = setmetatable({}, { __index = function(_, k) error("no field " .. k) end })
print(pcall(function() return t.x end))
local u = setmetatable({}, { __add = function() local z = nil; return z.w end })
print(pcall(function() return u + 1 end))
