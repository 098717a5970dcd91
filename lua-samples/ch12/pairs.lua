-- pairs visits every entry once. The order of hash keys is not defined
-- (real Lua's depends on a random seed), so this sample only prints what
-- does not depend on it: counts and sums, and the array part in order.
local t = { 10, 20, 30, x = 1, y = 2, z = 3, [2.5] = 4, [true] = 5 }
local count, sum, keys = 0, 0, 0
for k, v in pairs(t) do
  count = count + 1
  sum = sum + v
  if type(k) == "string" then keys = keys + 1 end
end
print(count, sum, keys)
local list = {}
for i = 1, 5 do list[i] = i * 2 end
for k, v in pairs(list) do print(k, v) end
