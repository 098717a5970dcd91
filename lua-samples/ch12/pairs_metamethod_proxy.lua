-- __pairs lets a proxy present another table's contents.
local data = { 1, 2, 3 }
local proxy = setmetatable({}, { __pairs = function() return next, data, nil end, __index = data })
local sum = 0
for k, v in pairs(proxy) do sum = sum + v end
print(sum, proxy[2])
