-- ... in the middle of a list gives one value; at the end, all.
local function f(...) return ..., "end" end
local function g(...) return "start", ... end
local a, b, c = f(1, 2, 3)
local d, e, f2, g2 = g(1, 2, 3)
return a, b, c, d, e, f2, g2
