-- next directly: an empty table, the first entry, and a bad key.
print(next({}))
print(next({ "only" }))
local t = { a = 1 }
print(next(t, "a"))
print(rawequal(next, next), type(next))
next(t, "missing")
