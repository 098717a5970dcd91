-- An uncaught error object with __tostring is shown through it, and lua
-- adds no traceback.
local E = setmetatable({}, { __tostring = function() return "my error object" end })
error(E)
