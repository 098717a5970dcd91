-- ipairs over an __index function that ends.
local squares = setmetatable({}, { __index = function(_, i) if i <= 5 then return i * i end end })
local total = 0
for _, v in ipairs(squares) do total = total + v end
print(total)
