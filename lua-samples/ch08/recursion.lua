-- Deep recursion: 190,000 nested calls, as real Lua allows. Each call is a
-- frame on the Lua stack, none on the Rust stack. (The function is passed
-- to itself because closures cannot see their own name until chapter 10.)
local function depth(self, n)
  if n == 0 then return 0 end
  return 1 + self(self, n - 1)
end
local function fib(self, n)
  if n < 2 then return n end
  return self(self, n - 1) + self(self, n - 2)
end
return depth(depth, 190000), fib(fib, 20)
