-- Every runtime error carries the line where it happened.
local function f()
  local a = {}
  return a.b.c
end
print(pcall(f))
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} .. "" end))
