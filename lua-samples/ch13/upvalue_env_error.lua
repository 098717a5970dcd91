-- Replacing _ENV with something that is not a table breaks global access.
local function f()
  local _ENV = 5
  return x
end
print(pcall(f))
