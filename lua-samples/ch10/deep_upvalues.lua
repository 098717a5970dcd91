-- An upvalue passed down four levels.
local function a()
  local x = 0
  return function()
    return function()
      return function()
        x = x + 1
        return x
      end
    end
  end
end
local f = a()()()
print(f(), f(), f())
