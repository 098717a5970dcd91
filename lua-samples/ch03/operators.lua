-- Every arithmetic, bitwise, comparison and unary operator, with registers
-- and constants as operands (constants show in the listing as negative
-- numbers and in the comments).
local a, b = 7, 2
local x = 1.5
local r = {}
r[1] = a + b
r[2] = a - 3
r[3] = 4 * b
r[4] = a % b
r[5] = a ^ 2
r[6] = a / b
r[7] = a // b
r[8] = a & 0xff
r[9] = a | b
r[10] = a ~ b
r[11] = a << 3
r[12] = a >> b
r[13] = -a
r[14] = ~b
r[15] = not x
r[16] = #r
r[17] = "a" .. a .. "b" .. x
r[18] = a == b
r[19] = a < 10
r[20] = 1.5 <= x
r[21] = a ~= b
r[22] = a > b
r[23] = a >= x
local m, n = nil, nil
local both = a and b
local either = m or n or "default"
if a == 7 then m = x end
if m then n = m end -- a register as a condition: TEST
return r, both, either, m
