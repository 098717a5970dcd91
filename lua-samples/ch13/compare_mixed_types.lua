-- Comparing a table with a number uses __lt if either has it.
local mt = { __lt = function(a, b) return true end }
local t = setmetatable({}, mt)
print(t < 1, 1 < t)
print(pcall(function() return {} < 1 end))
