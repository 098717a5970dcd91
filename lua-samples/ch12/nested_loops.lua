-- Nested generic loops over a matrix.
local m = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }
local trace = 0
for i, row in ipairs(m) do
  for j, v in ipairs(row) do
    if i == j then trace = trace + v end
  end
end
print(trace)
