-- The array part is traversed in order.
local t = {}
for i = 1, 10 do t[i] = i * i end
local out = {}
for k, v in pairs(t) do out[#out + 1] = k .. "=" .. v end
for i = 1, #out do print(out[i]) end
