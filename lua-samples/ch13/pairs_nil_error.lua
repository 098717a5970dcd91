-- pairs needs an argument; the iterator it returns for a non-table is
-- called "for iterator" by the error message, after the loop that calls it.
print(pcall(pairs))
for k in pairs(nil) do end
