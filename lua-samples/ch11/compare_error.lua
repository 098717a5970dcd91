-- Comparing two tables without __lt is an error naming both types.
local a, b = {}, {}
print(a == b)
print(a < b)
