-- The length operator on values without length.
local n, b = 42, true
print(pcall(function() return #n end))
print(pcall(function() return #b end))
print(#"abc", #{ 1, 2 })
