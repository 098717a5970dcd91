-- Sibling closures at different depths share one variable.
local function outer()
  local count = 0
  local function a() count = count + 1 end
  local function b() return function() count = count + 10 end end
  return a, b(), function() return count end
end
local a, b, get = outer()
a(); b(); a()
print(get())
