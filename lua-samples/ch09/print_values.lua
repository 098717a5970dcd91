-- print shows every kind of value as tostring does: numbers as Lua
-- formats them, and tables and functions by their address.
print(1, -0.0, 1e15, 2^53, 1/0, -1/0, 3 // 2, 3 / 2, 7 % -3, math_pi)
print("tab\tand newline\n", "", "quote\"s")
print(print == nil, {} ~= {})
