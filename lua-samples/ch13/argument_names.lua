-- A bad argument is reported with the name the function was called by.
local set = setmetatable
print(pcall(function() set(1, {}) end))
print(pcall(function() setmetatable(1, {}) end))
print(pcall(setmetatable, 1, {}))
local obj = { meta = setmetatable }
print(pcall(function() obj:meta({}) end))
print(pcall(function() obj.meta(2) end))
for k in pairs(5) do end
