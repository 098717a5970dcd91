-- __newindex as a table redirects new keys there.
local store = {}
local t = setmetatable({}, { __newindex = store })
t.a = 1
t.b = 2
print(rawget(t, "a"), store.a, store.b)
rawset(t, "a", 10)
t.a = 20
print(rawget(t, "a"), store.a)
