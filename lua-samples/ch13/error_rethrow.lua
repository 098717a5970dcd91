-- An error can be caught, inspected and raised again.
local function risky() error({ code = 404 }) end
local ok, e = pcall(risky)
print(ok, e.code)
local ok2, e2 = pcall(function() local _, err = pcall(risky); error(err) end)
print(ok2, e2.code)
