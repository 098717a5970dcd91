-- Counting keys by type with pairs.
local t = { 1, 2, x = 1, [2.5] = 1, [true] = 1, [{}] = 1 }
local counts = {}
for k in pairs(t) do
  local ty = type(k)
  counts[ty] = (counts[ty] or 0) + 1
end
print(counts.number, counts.string, counts.boolean, counts.table)
