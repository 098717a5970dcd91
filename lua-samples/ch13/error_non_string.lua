-- Error objects of every type come back from pcall unchanged.
print(pcall(error, nil))
print(pcall(error, true))
print(pcall(error, 3.5))
local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
