-- Library functions check their arguments, with luaL's messages.
print(rawlen({ 1, 2 }), rawlen("abc"))
setmetatable(1, {})
