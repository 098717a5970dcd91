-- The length of a table is a border: t[n] ~= nil and t[n + 1] == nil.
-- With holes there may be several; these are the cases where Lua's answer
-- depends only on how the table was built, not on string hashes.
local a = { 1, 2, nil, 4 }
local b = { 1, 2, 3 }
b[5] = 5
local c = {}
for i = 1, 20 do c[i] = i end
c[20] = nil
c[10] = nil
local d = { n = 1 }
d[1], d[2], d[4] = 1, 2, 4
return #a, #b, #c, #d
