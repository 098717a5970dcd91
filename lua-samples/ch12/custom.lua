-- Iterators are just functions: a stateless one with its state and
-- control variable, a closure with its own state, and __pairs.
local function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
local total = 0
for i in range(5) do total = total + i end
print(total)

local function evens(max, current)
  current = current + 2
  if current <= max then return current, current * current end
end
for n, sq in evens, 8, 0 do print(n, sq) end

local ordered = setmetatable({}, { __pairs = function(t)
  local i = 0
  return function()
    i = i + 1
    if i <= 3 then return i, "item " .. i end
  end, t, nil
end })
for k, v in pairs(ordered) do print(k, v) end
