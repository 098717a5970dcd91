-- Closures that capture the same variable share it, whether it is still
-- open (its function running) or closed (its function returned).
local function pair()
  local n = 0
  local function get() return n end
  local function set(v) n = v end
  set(5)
  local seen_inside = get()
  n = n + 1
  return get, set, seen_inside
end
local get, set, inside = pair()
print(inside, get())
set(42)
print(get())
