-- An error inside __tostring, called by print.
local t = setmetatable({}, { __tostring = function() error("cannot show") end })
print(pcall(print, t))
local u = setmetatable({}, { __tostring = function() return {} end })
print(pcall(tostring, u))
