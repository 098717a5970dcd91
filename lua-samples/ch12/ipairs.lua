-- ipairs walks 1, 2, 3, ... up to the first nil, in order.
local fruits = { "apple", "banana", "cherry", nil, "date" }
for i, fruit in ipairs(fruits) do
  print(i, fruit)
end
-- It reads through __index, so it works on proxies too.
local proxy = setmetatable({}, { __index = function(_, i) if i <= 3 then return i * i end end })
for i, square in ipairs(proxy) do
  print(i, square)
end
