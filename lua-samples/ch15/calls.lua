-- The three forms of arguments, method calls, and calls on the result
-- of a call or of a parenthesized expression.
print("parentheses")
print"a string"
print[[a long
string]]
print(select("#", 1, nil, 3))
print(("abc"):upper(), ("x"):rep(3, "-"))
print(string.format("%d-%s", 42, "x"), math.max(3, 9, 4) * 2)
print(select(2, "a", "b", "c"))
print((select(2, "a", "b", "c")))
string.gsub("one two", "%a+", print);
-- Without the ';', the line below would continue the call above.
(print)("a parenthesized callee")
