-- An error raised inside a library function by a primitive operation has
-- no position, as in C Lua: here rawset's "table index is nil".
print(rawget({ 10 }, 1), rawlen({ 1, 2, 3 }))
rawset({}, nil, 1)
