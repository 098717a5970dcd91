-- Clearing fields while traversing a table is allowed; the traversal
-- continues and sees every remaining entry once.
local t = {}
for i = 1, 10 do t["k" .. i] = i end
for i = 1, 10 do t[i] = i end
local visited, remaining = 0, 0
for k, v in pairs(t) do
  visited = visited + 1
  t[k] = nil
end
for k in pairs(t) do remaining = remaining + 1 end
print(visited, remaining)
local n = { a = 1, b = 2, c = 3 }
local seen = 0
for k, v in pairs(n) do
  n[k] = v * 10       -- assigning existing fields is allowed too
  seen = seen + 1
end
print(seen, n.a + n.b + n.c)
