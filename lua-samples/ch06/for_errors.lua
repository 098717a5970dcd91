-- A for loop whose limit is not a number stops the program with Lua's
-- error, naming the line.
local limit = "ten"
local sum = 0
for i = 1, limit do
  sum = sum + i
end
return sum
