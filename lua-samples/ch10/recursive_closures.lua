-- Local recursive functions see themselves and each other.
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(is_even(10), is_odd(7), fact(20))
