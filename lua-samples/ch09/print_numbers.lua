-- print formats numbers as tostring does.
print(1, 1.0, -0.0, 100, 1e100, 2^63, -2^63, 1/3, 10 // 3, 10.0 // 3, 7 % 3, -7 % 3)
print(255 // 1, 0x10, 0xff, 1e15, 1e16, 123456789012)
