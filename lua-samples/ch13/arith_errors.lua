-- Arithmetic errors name the first operand that is not a number.
local a, b = {}, "x"
print(pcall(function() return a * 2 end))
print(pcall(function() return 2 * b end))
print(pcall(function() return b * a end))
print(pcall(function() return 1 % 0 end))
print(pcall(function() return 1 // 0 end))
print(1 % 0.0 ~= 1 % 0.0, 1 // 0.0)
