-- ipairs stops at the first nil, even with values after it.
local t = { 1, 2, nil, 4 }
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
