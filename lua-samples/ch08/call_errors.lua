-- Calling a value that is not a function is an error.
local t = { x = 1 }
return t.x(1)
