-- Calling a global that does not exist.
print("before")
undefined_function("argument")
print("after")
