-- One constant of every type a chunk can hold, and strings that need escapes.
local n = nil
local yes, no = true, false
local i = 42
local big = math.maxinteger
local small = math.mininteger
local f = 3.25
local third = 1 / 3
local huge = 1e300
local tiny = -2.5e-10
local whole = 2.0
local s = "short"
local esc = "tab\there \"quoted\" back\\slash\nnewline \0 nul \27 esc \255"
local long = [[
A long string: longer than forty bytes, so Lua 5.3 stores it as a long
string (LUA_TLNGSTR), which a chunk marks with a tag of its own. It also
runs past 254 bytes, so its size is written in the long form: the byte 0xFF
followed by a size_t. That is the second way a string's length is encoded.
]]
-- nil and booleans become constants only where an instruction reads them
-- through RK (a register or a constant): table keys and comparisons.
local t = {}
t[true] = false
t[false] = t[nil == n]
return n, yes, no, i, big, small, f, third, huge, tiny, whole, s, esc, long
