-- An uncaught error that is not a string: lua reports its type.
print("before")
error({ code = 1 })
