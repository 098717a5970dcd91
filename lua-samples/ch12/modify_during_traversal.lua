-- Changing existing values during a traversal is allowed.
local t = { x = 1, y = 2, z = 3, 10, 20 }
for k, v in pairs(t) do t[k] = v * 100 end
print(t.x + t.y + t.z, t[1], t[2])
