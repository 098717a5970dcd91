-- Which variable a name means: the innermost local in scope, then an
-- upvalue of an enclosing function, else a global.
x = "global"
local x = x .. " shadowed"       -- the new local is not visible yet
print(x)
do
  local x = "inner"
  print(x)
end
print(x)
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print(c())
local i = 1
repeat local j = i * 2; i = i + 1 until j >= 6   -- `until` sees `j`
print(i)
for x = 1, 2 do local x = x * 10; print(x) end
print(x)
