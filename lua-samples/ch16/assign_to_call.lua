-- A call is not a variable one may assign to.
local function f() end
f() = 1
