-- A long string runs to its closing bracket of the same level.
local text = [==[
first line
second line ]] ]=]
