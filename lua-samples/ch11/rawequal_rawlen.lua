-- The raw functions ignore metamethods.
local mt = { __eq = function() return true end, __len = function() return 99 end }
local a, b = setmetatable({ 1, 2 }, mt), setmetatable({}, mt)
print(a == b, rawequal(a, b), #a, rawlen(a), rawlen("four"))
