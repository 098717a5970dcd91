-- A string must end on the line it starts on.
local greeting = "hello
print(greeting)
