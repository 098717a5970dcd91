-- Jumps and loops: if/elseif/else, while, repeat, numeric and generic for,
-- break and goto, and a loop whose closures need their upvalues closed at
-- the end of every iteration (JMP with A > 0).
local sum = 0
for i = 1, 10 do
  sum = sum + i
end
for f = 1.0, 0.0, -0.25 do
  sum = sum + f
end
local t = { 10, 20, 30, alpha = 1 }
for k, v in pairs(t) do
  if type(k) == "number" then
    sum = sum + v
  elseif k == "alpha" then
    sum = sum - v
  else
    sum = 0
  end
end
local n = 0
while n < 5 do
  n = n + 1
  if n == 4 then break end
end
repeat
  n = n - 1
until n <= 0
local fns = {}
for i = 1, 3 do
  local j = i * 2
  fns[i] = function() return j end
  if i == 2 then goto continue end
  sum = sum + j
  ::continue::
end
return sum, n, fns[1](), fns[3]()
