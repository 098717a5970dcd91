-- A closed upvalue keeps its last value and stays shared.
local function make()
  local v = 1
  local function inc() v = v + 1 end
  local function get() return v end
  inc()
  return inc, get
end
local inc, get = make()
inc(); inc()
print(get())
