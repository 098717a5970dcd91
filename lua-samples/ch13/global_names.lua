-- Errors about globals name them.
print(pcall(function() return undefined_table.key end))
print(pcall(function() undefined_function() end))
print(pcall(function() return -undefined_number end))
