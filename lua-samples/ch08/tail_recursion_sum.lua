-- An accumulator loop written as tail calls: constant stack space.
local function sum(self, n, acc)
  if n == 0 then return acc end
  return self(self, n - 1, acc + n)
end
return sum(sum, 500000, 0)
