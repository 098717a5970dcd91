-- Recursion without end fills the Lua stack: Lua's "stack overflow" error,
-- not a crash.
local function forever(self, n)
  return 1 + self(self, n + 1)
end
return forever(forever, 1)
