-- Comparison errors name both types, never a variable.
print(pcall(function() return 1 < "x" end))
print(pcall(function() return {} <= {} end))
print(pcall(function() return nil > 1 end))
