-- Constant folding, as luac folds: numerals only, never a division by
-- zero, a bitwise operation on a float without an integer value, or a
-- result that is NaN or zero (which could be -0.0).
print(2 ^ 10, 7 // 2, 7 % -3, 1 << 62, 0xff & 0x0f, -(-3))
print(1.0 - 1.0, -0.0, 0.0)
print(0x7fffffffffffffff + 1, 0x7fffffffffffffff + 1 == -0x7fffffffffffffff - 1)
print("10" + 1, "3" * "4")
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(1 / 0, -1 / 0, 1 // 0.0)
print(pcall(function() return ~1.5 end))
print(~5, ~0, 3 | 4.0)
