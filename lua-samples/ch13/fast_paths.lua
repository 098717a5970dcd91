-- The virtual machine's fast paths and the general cases beside them:
-- every result here must be the same whichever way it was computed.

-- A register that changes type between integer, float, string and table.
local r
for i = 1, 6 do
  if i % 3 == 0 then r = { i } elseif i % 3 == 1 then r = i * 2 else r = i / 2 end
  r = type(r) == "table" and #r or r + 1
  print(i, r, type(r))
end

-- Arithmetic: wrapping integers, mixed operands, coercion, division.
local big = 9223372036854775807
print(big + 1, big * 2, -big - 2, 7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 % -2)
print(1 + 2.5, 2.5 + 1, "10" + 1, "0x10" * 2, 10 / 4, 3 - "1.5", -(-big - 1))
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(1 // 0.0, -1 // 0.0, 5.5 // 0, 1 % (1 / 0), -1 % (1 / 0))

-- Arithmetic through metamethods, and their absence.
local V = {}
V.__add = function(a, b) return "add" end
V.__unm = function(a) return "unm" end
local v = setmetatable({}, V)
print(v + 1, 1 + v, -v, pcall(function() return v - 1 end))

-- Comparisons: integers, floats, NaN, strings, mixed, tables.
local nan = 0 / 0
print(1 < 2, 2 < 1.5, 1 <= 1.0, nan < nan, nan == nan, "a" < "b", "Z" <= "a")
print(1 == 1.0, "1" == 1, {} == {}, nil == false, big == big + 0.0)
local E = { __eq = function() return true end, __lt = function() return true end }
local e1, e2 = setmetatable({}, E), setmetatable({}, E)
print(e1 == e2, e1 ~= e2, e1 < e2, e1 <= e2, e1 == 1)
print(pcall(function() return {} < {} end))

-- Tables: present keys in a table with a metatable, __index, __newindex.
local log = {}
local base = { inherited = "from base" }
local t = setmetatable({ own = 1 }, {
  __index = base,
  __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end,
})
t.own = 2            -- present: no __newindex
t.fresh = 3          -- absent: __newindex
t.fresh = 4          -- present now
print(t.own, t.fresh, t.inherited, t.missing, #log, log[1])
local f = setmetatable({}, { __index = function(_, k) return k .. "!" end })
print(f.x, f[1], pcall(function() return f[true] end))

-- Keys: floats with integer values are integers; NaN and nil are not keys.
local k = {}
k[1.0] = "one"; k[2^53] = "big"; k[0.5] = "half"
print(k[1], k[2^53 | 0], k[0.5], k[nan], k[nil])
print(pcall(function() k[nan] = 1 end))
print(pcall(function() k[nil] = 1 end))

-- Long strings that agree in many bytes are still different keys.
local long1, long2 = "", ""
for i = 1, 100 do long1 = long1 .. "ab"; long2 = long2 .. (i == 50 and "aB" or "ab") end
local s = {}
s[long1] = 1; s[long2] = 2
print(#long1, long1 == long2, s[long1], s[long2], s[long1 .. ""])

-- Globals through an _ENV with metamethods (GETTABUP, SETTABUP).
do
  local seen, globals = {}, _ENV
  local _ENV = setmetatable({}, {
    __index = function(_, name) seen[#seen + 1] = name; return globals[name] end,
    __newindex = function(t, name, value) seen[#seen + 1] = "set " .. name; rawset(t, name, value) end,
  })
  x = 1
  x = x + 1
  print(x, #seen, seen[1], seen[2], seen[3])
end

-- Upvalues closed by returns and by loops, with others still open.
local function make()
  local fs = {}
  for i = 1, 3 do
    local j = i * 10
    fs[i] = function() j = j + 1; return i, j end
  end
  return fs
end
local fs = make()
print(fs[1](), fs[1](), fs[3]())
local outer = 0
local function bump() outer = outer + 1; return outer end
for _ = 1, 3 do bump() end
print(outer)

-- Unary minus and not on every kind of value.
print(-big, -(-0.0), -"2", not nil, not 0, pcall(function() return -{} end))
