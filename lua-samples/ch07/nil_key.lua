-- nil cannot be a key.
local t = {}
local k
t[k] = 1
return t
