-- An error inside a metamethod: the traceback names the metamethod by its
-- event, as Lua 5.3 does ("in metamethod '__index'").
local Lazy = setmetatable({}, {
  __index = function(t, key)
    local parts = nil
    return parts[key]
  end,
})

local function lookup(name)
  local value = Lazy[name]
  return value
end

print(lookup("answer"))
