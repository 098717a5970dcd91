-- An __index chain that loops forever is stopped.
local t = {}
setmetatable(t, { __index = t })
print(rawget(t, "x"))
print(t.x)
