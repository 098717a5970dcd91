-- Summing a table of mixed keys with pairs.
local t = { 1, 2, 3, a = 10, b = 20 }
local sum = 0
for _, v in pairs(t) do sum = sum + v end
print(sum)
