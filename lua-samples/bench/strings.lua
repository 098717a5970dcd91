-- String concatenation and building.
local total = 0
for round = 1, 200 do
  local parts = {}
  for i = 1, 1000 do
    parts[#parts + 1] = "item" .. i .. ";"
  end
  local s = ""
  for i = 1, 200 do s = s .. parts[i] end
  total = total + #s
end
print(total)
