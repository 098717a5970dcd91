-- Calling something that is not a function as an iterator is an error.
for x in 5 do print(x) end
