-- A callable table in tail position: `return t(x)` calls the table's
-- `__call` handler, a Lua function, which runs in a frame of its own.
local t
t = setmetatable({}, {__call = function(self, x, y)
  return x * 2, rawequal(self, t), y
end})
local function double(x) return t(x) end
local function spread(...) return t(...) end
print(double(21))
print(spread(5, 6))
print(double(double(1)))

-- And it is a proper tail call: this recursion through the table takes no
-- stack, however deep it goes.
local countdown
countdown = setmetatable({}, {__call = function(self, n)
  if n == 0 then return "done" end
  return countdown(n - 1)
end})
print(countdown(300000))
