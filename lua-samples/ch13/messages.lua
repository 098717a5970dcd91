-- Runtime errors name the variable that held the culprit, as Lua works it
-- out from the bytecode: locals, globals, fields, upvalues, methods,
-- constants.
local function try(f) local ok, e = pcall(f); print(e) end
local t = {}
local up = nil
try(function() local x; return x.y end)
try(function() return undefined_global.field end)
try(function() return t.a.b end)
try(function() return up.field end)
try(function() return t:method() end)
try(function() return ("x")() end)
try(function() local s = "text"; return s + 1 end)
try(function() return t + 1 end)
try(function() return 1 + t.missing end)
try(function() return #up end)
try(function() return -t end)
try(function() return t .. "x" end)
try(function() return "x" .. {} end)
try(function() return 1 < t end)
try(function() return {} < {} end)
try(function() undefined_function() end)
try(function() t.missing_method() end)
try(function() local f = 5; f() end)
try(function() return 1.5 | 1 end)
try(function() local n = 2.5; return n & 1 end)
try(function() return 1 // 0 end)
try(function() t[nil] = 1 end)
try(function() for i = 1, "x" do end end)
try(function() up.x = 1 end)
try(function() return math_huge.x end)
