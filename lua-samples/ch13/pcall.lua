-- pcall catches errors: any value can be an error, and error() adds the
-- position of the caller (level 1), of its caller (level 2), or none (0).
print(pcall(error, "plain"))
print(pcall(function() error("with position") end))
print(pcall(function() error("no position", 0) end))
local function check(x) if not x then error("check failed", 2) end end
print(pcall(function() check(false) end))
print(pcall(error, 42))
print(pcall(error))
local ok, e = pcall(error, { code = 7 })
print(ok, type(e), e.code)
print(pcall(function(a, b) return a + b, a * b end, 3, 4))
print(pcall(pcall, error, "nested"))
local t = setmetatable({}, { __tostring = function() return "custom error" end })
print(pcall(error, t) == false, tostring(t))
