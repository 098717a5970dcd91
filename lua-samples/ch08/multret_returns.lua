-- return f() passes all results through; (f()) keeps one; f() not last
-- in a list keeps one.
local function two() return "a", "b" end
local function pass(f) return f() end
local function one(f) return (f()) end
local function append(f) return f(), "c" end
return pass(two), one(two), append(two)
