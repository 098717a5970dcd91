-- An error inside an iterator propagates out of the loop.
local function bad() return function() error("iterator failed") end end
print(pcall(function() for x in bad() do end end))
