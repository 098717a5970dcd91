-- A method call needs its arguments; a method is not a variable.
local o = {}
o:m = 1
