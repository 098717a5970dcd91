-- Every arithmetic and bitwise instruction, with registers and constants,
-- integers and floats, and strings that take part as numbers.
local a, b = 17, 5
local x, y = 2.5, -0.5
local s = "8"
return a + b, a - b, a * b, a / b, a % b, a ^ 2, a // b,
  a & b, a | b, a ~ b, a << 2, a >> 1, -a, ~b,
  x + y, x * y, x // y, x % y, -x,
  s + 1, s * x, s // 3, s & 12,
  a % -b, -a // b, 7 // 0.0, -7 % 0.0
