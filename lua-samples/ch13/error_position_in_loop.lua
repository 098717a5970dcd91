-- The position names the line inside a loop where the error happened.
local t = { 1, 2, "three", 4 }
local sum = 0
print(pcall(function()
  for i = 1, #t do
    sum = sum + t[i] * 2
  end
end))
