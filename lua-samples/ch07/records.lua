-- Record-like tables: string keys, keys of other types, float keys that
-- are integers, updating and removing fields.
local point = { x = 3, y = 4 }
point.z = point.x * point.y
point["name"] = "p"
local t = {}
t[1.0] = "one"          -- the same key as 1
t[2.5] = "two and a half"
t[true] = "yes"
t[-1] = "minus one"
t[point] = "a table as a key"
local same = t[1] == "one"
t.x = nil
t[2.5] = nil
local counted = 0
for i = -1, 3 do
  if t[i] ~= nil then counted = counted + 1 end
end
return point.z, point.name, same, t[2.5], t[true], t[point], counted, point == point, point == {}
