-- Functions passed to each other recurse without growing the Rust stack.
local function is_even(self, other, n)
  if n == 0 then return true end
  return other(other, self, n - 1)
end
local function is_odd(self, other, n)
  if n == 0 then return false end
  return other(other, self, n - 1)
end
return is_even(is_even, is_odd, 10), is_odd(is_odd, is_even, 7)
