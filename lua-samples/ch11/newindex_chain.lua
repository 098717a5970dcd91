-- __newindex chains through tables until one has no __newindex.
local final = {}
local middle = setmetatable({}, { __newindex = final })
local front = setmetatable({}, { __newindex = middle })
front.x = 1
print(rawget(front, "x"), rawget(middle, "x"), final.x)
