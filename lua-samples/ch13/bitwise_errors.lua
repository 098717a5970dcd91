-- Bitwise errors on floats and strings.
local f = 1.5
local s = "abc"
print(pcall(function() return f | 1 end))
print(pcall(function() return s & 1 end))
print(pcall(function() return "1.5" | 1 end))
print(pcall(function() return 2^63 | 0 end))
