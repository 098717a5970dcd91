-- Numeric loops with integer and float arithmetic.
local sum, fsum = 0, 0.0
for i = 1, 20000000 do
  sum = sum + i % 7
  fsum = fsum + i * 0.5
end
print(sum, fsum)
