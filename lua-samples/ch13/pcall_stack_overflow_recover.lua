-- After a stack overflow is caught, the program goes on normally.
local function f() return f() + 1 end
print(pcall(f))
local function g(n) if n == 0 then return "done" end return g(n - 1) end
print(g(1000))
