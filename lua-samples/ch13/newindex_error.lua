-- Assigning to a field of nil names the variable.
local config
config.value = 1
