-- __index supplies defaults for missing fields.
local defaults = { color = "red", size = 10 }
local function with_defaults(t) return setmetatable(t, { __index = defaults }) end
local a = with_defaults({ size = 20 })
print(a.color, a.size, rawget(a, "color"))
