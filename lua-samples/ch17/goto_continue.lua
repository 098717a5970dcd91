-- goto continue in all three kinds of loop, a label after a local that a
-- closure captures (the jump back must close it), and break.
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  print("for", i)
  ::continue::
end
local j = 0
while j < 5 do
  j = j + 1
  if j == 3 then goto continue end
  print("while", j)
  ::continue::
end
local k = 0
repeat
  k = k + 1
  if k == 2 then goto continue end
  print("repeat", k)
  ::continue::
until k >= 3
local fns = {}
local n = 1
::again::
do
  local captured = n
  fns[n] = function() return captured end
  n = n + 1
  if n <= 3 then goto again end
end
print(fns[1](), fns[2](), fns[3]())
for _, v in ipairs({1, 2, 3, 4}) do
  if v > 2 then break end
  print("ipairs", v)
end
