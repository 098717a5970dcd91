-- A local variable needs a name.
local 1 = 2
