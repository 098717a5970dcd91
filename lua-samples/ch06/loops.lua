-- Loops of every kind the virtual machine of chapter 6 can run: integer
-- and float for loops, negative steps, limits that are floats or strings,
-- while, repeat, and break.
local count, total = 0, 0.0
for i = 10, 1, -3 do count = count + 1 end
for f = 0, 1, 0.25 do total = total + f end
for i = 1, 2.9 do count = count + 1 end
for i = 1, "3" do count = count + 1 end
for i = 5, 1 do count = count + 100 end
local n = 0
while true do
  n = n + 1
  if n >= 7 then break end
end
local m = 1
repeat m = m * 2 until m > 100
local big = 0
for i = 9223372036854775805, 9223372036854775806 do big = big + 1 end
return count, total, n, m, big
