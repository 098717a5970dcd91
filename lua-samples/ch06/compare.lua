-- Comparisons, not, and/or, and strings: EQ, LT, LE, TEST, TESTSET, NOT,
-- LEN and CONCAT.
local i, f, s, t = 1, 1.0, "one", "two"
local eq = i == f
local lt = i < 2.5
local le = s <= t
local gt = 3 > f
local ne = s ~= t
local n = not eq
local first = nil or f
local second = i and s
local third = false and i
local len = #s + #(s .. t)
local joined = s .. "-" .. i .. "-" .. f
local max = i
if f > max then max = f elseif f == max then max = "equal" end
return eq, lt, le, gt, ne, n, first, second, third, len, joined, max
