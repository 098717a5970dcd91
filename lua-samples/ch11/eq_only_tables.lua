-- __eq is only consulted for two different tables.
local calls = 0
local mt = { __eq = function() calls = calls + 1; return true end }
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a == a, a == 1, a ~= b, calls)
