-- A closure as a generator of the Fibonacci sequence.
local function fibs()
  local a, b = 0, 1
  return function() a, b = b, a + b; return a end
end
local next_fib = fibs()
local out = {}
for i = 1, 10 do out[i] = next_fib() end
print(out[1], out[5], out[10])
