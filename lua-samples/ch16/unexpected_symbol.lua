-- An expression cannot start with =.
local x = = 1
