-- Concatenation errors name the operand.
local t = {}
local name = "x"
print(pcall(function() return name .. t end))
print(pcall(function() return t .. name end))
