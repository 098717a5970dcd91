-- goto: a loop written with labels, `continue`, and a jump to the end of
-- a block past its locals, which is allowed because they are already out
-- of scope there.
local i = 1
::top::
if i <= 3 then
  print("top", i)
  i = i + 1
  goto top
end
for j = 1, 4 do
  if j % 2 == 0 then goto continue end
  local half = j / 2
  print("odd", j, half)
  ::continue::
end
do
  goto done
  local skipped = 1
  print(skipped)
  ::done::
end
print("end")
