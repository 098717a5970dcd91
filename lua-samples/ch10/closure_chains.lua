-- Long chains of closures, each keeping the one made before it in an
-- upvalue, and chains that alternate closures and tables. Freeing one must
-- not take a Rust stack frame per link.
local n = 100000
local f = function() return 0 end
for i = 1, n do
  local previous = f
  f = function() return previous() + 1 end
end
print(f == nil, n)
f = nil
local t = {}
for i = 1, n do
  local inner = t
  t = { function() return inner end }
end
t = nil
print("freed", 2 * n, "closures and", n, "tables")
