-- The sum of the numbers from 1 to 10, with a numeric for loop.
local sum = 0
for i = 1, 10 do
  sum = sum + i
end
return sum
