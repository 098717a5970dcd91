-- Bitwise operators on tables call their metamethods; on floats without an
-- integer value they fail.
local mt = { __band = function() return "band" end, __shl = function() return "shl" end }
local t = setmetatable({}, mt)
print(t & 1, 1 << t, 3 & 5, 1 << 4)
