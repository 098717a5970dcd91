-- Integer division by zero is an error; float division is not.
local a, b = 1, 0
local inf = a / b
local nan_is_nan = (0/0) ~= (0/0)
return inf, nan_is_nan, a // b
