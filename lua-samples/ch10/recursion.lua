-- A local function sees itself: its name is an upvalue. This recurses
-- 190,000 levels deep, as real Lua can.
local function f(n)
  if n == 0 then return 0 end
  return 1 + f(n - 1)
end
print(f(190000))
