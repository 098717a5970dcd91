-- An error nobody catches ends the program; lua prints it with a
-- traceback.
local function inner()
  local t = nil
  return t.field
end
local function outer() return inner() + 1 end
print("start")
outer()
