-- Operator priorities, lowest first: or; and; comparisons; |; ~; &;
-- shifts; .. (right-associative); + -; * / // %; unary operators; ^
-- (right-associative, and above the unary operators on its left).
print(1 + 2 * 3, (1 + 2) * 3)
print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
print(-2 ^ 2, 2 ^ -1)
print(7 // 2 * 2 + 7 % 2, 7 - 2 - 1)
print(1 .. 2 .. 3, "a" .. "b" == "ab")
print(1 << 2 + 1, 5 & 3 | 8 ~ 1)
print(not nil == true, not (nil == true))
print(1 < 2 == true, #"abc" + 1)
print(nil or false and 1, false or nil and 1, 1 and 2 or 3)
