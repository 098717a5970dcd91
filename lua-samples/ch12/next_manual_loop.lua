-- A traversal with next, without for.
local t = { a = 1, b = 2, c = 3 }
local k, v = next(t)
local sum, n = 0, 0
while k do
  sum = sum + v
  n = n + 1
  k, v = next(t, k)
end
print(n, sum)
