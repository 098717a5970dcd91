-- Missing arguments are nil, extra ones are dropped, and a vararg
-- function sees its extra arguments through `...`.
local function pair(x, y) return x, y end
local function count(...)
  local t = { ... }
  return #t, ...
end
local function first_two(a, b, ...)
  local rest = { ... }
  return a, b, #rest
end
local function forward(f, ...)
  return f(...)
end
local p1, p2 = pair(1)
local q1, q2 = pair(1, 2, 3)
local n1 = count()
local n2, x, y = count("x", "y")
local f1, f2, f3 = first_two(1, 2, 3, 4, 5)
local v1, v2, v3, v4 = forward(count, 7, 8, 9)
return p1, p2, q1, q2, n1, n2, x, y, f1, f2, f3, v1, v2, v3, v4
