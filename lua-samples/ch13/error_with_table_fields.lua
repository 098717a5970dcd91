-- Structured errors carry fields.
local function fail(code) error({ code = code, message = "failed with " .. code }) end
local ok, e = pcall(fail, 7)
print(ok, e.code, e.message)
