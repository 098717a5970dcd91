-- Calling a missing method names it.
local obj = {}
print(pcall(function() obj:missing() end))
local s = 5
print(pcall(function() s:method() end))
