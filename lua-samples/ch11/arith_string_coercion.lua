-- Strings that look like numbers need no metamethod.
print("10" + 5, "3" * "4", "2" ^ 10, 10 .. "", "0x10" + 0, " 7 " // 2)
