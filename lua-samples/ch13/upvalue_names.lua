-- Errors about upvalues name them.
local config
local function use() return config.value end
print(pcall(use))
local counter = "text"
local function bump() counter = counter + 1 end
print(pcall(bump))
