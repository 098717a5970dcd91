-- Upvalues of upvalues: a function three levels deep reaches a variable
-- of the outermost one through the middle one's upvalue.
local function outer()
  local x = 1
  return function()
    return function()
      x = x * 2
      return x
    end
  end
end
local make = outer()
local f, g = make(), make()
print(f(), g(), f())
