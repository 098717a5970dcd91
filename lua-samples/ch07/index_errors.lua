-- Indexing a value that is not a table is an error.
local config = { size = 10 }
local missing = config.window
return missing.width
