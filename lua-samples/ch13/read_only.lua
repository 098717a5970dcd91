-- A read-only proxy: __newindex raises an error.
local function readonly(t)
  return setmetatable({}, { __index = t, __newindex = function() error("read-only table", 2) end })
end
local r = readonly({ x = 1 })
print(r.x, pcall(function() r.x = 2 end))
