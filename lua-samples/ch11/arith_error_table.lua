-- Arithmetic on a table without a metamethod names the operand.
local t = {}
print(1 + 1)
print(t + 1)
