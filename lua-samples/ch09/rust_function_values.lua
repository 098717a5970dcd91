-- Rust functions are values like any other.
local t = { p = print }
t.p("called through a table")
local same = (print == t.p)
print(same, print ~= nil)
