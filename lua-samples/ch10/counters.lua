-- A closure keeps the variables it captured alive after their function
-- returned, and each call of the factory makes a fresh variable.
local function counter()
  local count = 0
  return function()
    count = count + 1
    return count
  end
end
local a, b = counter(), counter()
print(a(), a(), a(), b(), a(), b())
