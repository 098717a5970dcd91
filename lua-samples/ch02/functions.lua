-- Nested functions, fixed and variable parameters, upvalues at two levels.
local counter = 0

local function add(a, b)
  return a + b
end

local function count(...)
  local n = select("#", ...)
  counter = counter + n
  return function(step)
    counter = counter + step
    return function()
      return counter, n
    end
  end
end

local t = { add = add, count = count }
function t.method(self, x)
  return self.add(x, 1)
end

return t:method(41), count(1, 2, 3)(4)()
