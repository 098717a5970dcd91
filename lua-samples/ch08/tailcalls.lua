-- A tail call replaces the calling frame, so a loop of a million tail
-- calls runs in constant stack space.
local function countdown(self, n, acc)
  if n == 0 then return acc end
  return self(self, n - 1, acc + 1)
end
local function even(self, other, n)
  if n == 0 then return true end
  return other(other, self, n - 1)
end
local function odd(self, other, n)
  if n == 0 then return false end
  return other(other, self, n - 1)
end
return countdown(countdown, 1000000, 0), even(even, odd, 10), even(even, odd, 7), odd(odd, even, 300001)
