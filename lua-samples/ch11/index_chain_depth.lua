-- A long but finite __index chain works.
local base = { value = "found" }
local t = base
for i = 1, 100 do t = setmetatable({}, { __index = t }) end
print(t.value)
