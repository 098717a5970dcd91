-- Calling a nil local is an error.
local f
return f()
