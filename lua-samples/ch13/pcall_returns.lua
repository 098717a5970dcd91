-- pcall passes through all results, and arguments to the function.
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print((pcall(error)))
