-- Infinite recursion is Lua's "stack overflow" error, which pcall catches.
local function forever(n) return 1 + forever(n + 1) end
local ok, e = pcall(forever, 1)
print(ok, e)
local depth = 0
local function deep() depth = depth + 1; return deep() + 1 end
print(pcall(deep))
print(depth > 100000)
