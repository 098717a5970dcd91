-- Varargs keep trailing nils: the count is what was passed.
local function count(...) local t = { ... } return #t, ... end
local function last(...) local a, b, c = ... return c end
return count(1, nil, 3), last(1, 2), last(1, 2, 3, 4)
