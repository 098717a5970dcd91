-- Indexing a number without a metatable is an error.
local n = 5
print(n.field)
