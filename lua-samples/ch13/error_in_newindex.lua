-- An error raised by __newindex with level 2 blames the assignment.
local strict = setmetatable({}, { __newindex = function(t, k) error("cannot set " .. k, 2) end })
print(pcall(function()
  strict.field = 1
end))
