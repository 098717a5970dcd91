-- Calls and constructors: varargs in a constructor, a method call, tail
-- calls, a chain of concatenations in one CONCAT, and a loop that never
-- ends inside a function that is never called.
local function count(...) return #{...} end
local function pack(...) return {...} end
print(count(pack(1, 2, 3)), #pack(1, 2, 3))
local function f() return 7, 8 end
local t = {1, 2, x = 1, [3] = 4, f()}
print(#t, t[3], t[4], t.x)
print(count{f()}, count(f()), count((f())))
local o = {n = 10}
function o:m(k) return self.n + k end
print(o:m(1))
local a, b, c, d = "a", "b", "c", "d"
print(a .. b .. c .. d, a .. (b .. c) .. d)
local function down(n) if n == 0 then return "done" end return down(n - 1) end
print(down(100000))
local function forever() while true do end end
print(type(forever))
