-- Filling tables (array and hash parts) and summing them.
local total = 0
for round = 1, 20 do
  local t = {}
  for i = 1, 100000 do t[i] = i end
  local h = {}
  for i = 1, 20000 do h["k" .. i] = i end
  for i = 1, #t do total = total + t[i] end
  for i = 1, 20000 do total = total + h["k" .. i] end
end
print(total)
