-- An error caught by an inner pcall does not reach the outer one.
local log = {}
local ok = pcall(function()
  local inner_ok, e = pcall(error, "inner")
  log[#log + 1] = tostring(inner_ok) .. ":" .. e
  error("outer")
end)
print(ok, log[1])
