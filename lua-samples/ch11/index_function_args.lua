-- __index functions receive the table and the key.
local seen = {}
local t = setmetatable({ present = 1 }, { __index = function(tbl, key)
  seen[#seen + 1] = key
  return tostring(key) .. "?"
end })
print(t.present, t.absent, t[10], #seen, seen[1], seen[2])
