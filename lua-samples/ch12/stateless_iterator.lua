-- A stateless iterator: everything it needs comes in its arguments.
local function iter(t, i)
  i = i + 1
  local v = t[i]
  if v then return i, v end
end
local function my_ipairs(t) return iter, t, 0 end
for i, v in my_ipairs({ "a", "b", "c" }) do print(i, v) end
