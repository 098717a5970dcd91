-- next still finds a key whose value was just cleared.
local t = { a = 1, b = 2 }
local k = next(t)
t[k] = nil
local k2 = next(t, k)
print(k2 ~= k, t[k])
