-- Assignments where a naive compiler and luac part ways: values adjusted
-- to the names, one LOADNIL for several locals, multiple assignment
-- stored right to left, and a table indexed by a local that the same
-- statement assigns.
local function two() return 1, 2 end
local a, b = two(), nil
print(a, b)
local c; local d; local e = nil
print(c, d, e)
local x, y = 1, 2
x, y = y, x
print(x, y)
gx, gy = "first", "second"
gx, gy = gy, gx
print(gx, gy)
local t, i, j = {10, 20, 30}, 1, 3
t[i], t[j] = t[j], t[i]
print(t[1], t[2], t[3])
local arr, k = {}, 1
arr[k], k = 2, 3
print(arr[1], arr[3], k)
cache = cache or {}
cache.n = (cache.n or 0) + 1
print(cache.n)
local p, q, r = two()
print(p, q, r)
local s, u = 1, 2, 3
print(s, u)
