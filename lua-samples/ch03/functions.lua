-- Closures and their upvalues, varargs, multiple results, tail calls.
local count = 0
local function counter()
  count = count + 1
  return count
end

local function make_adder(n)
  return function(x)
    return x + n
  end
end

local function varargs(...)
  local a, b = ...
  local all = { ... }
  return select("#", ...), a, b, #all, ...
end

local function tail(n)
  if n <= 0 then
    return "done"
  end
  return tail(n - 1)
end

counter()
local add5 = make_adder(5)
return counter(), add5(10), varargs(1, nil, 3), tail(3)
