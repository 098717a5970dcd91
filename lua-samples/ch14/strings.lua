-- Short strings with every escape, and long strings of any level.
local simple = 'single' .. "double" .. "it's" .. 'say "hi"'
local escapes = "\a\b\f\n\r\t\v\\\"\'"
local bytes = "\65\066\0067 \x41\x42 \u{48}\u{e9}\u{20AC}\u{10FFFF}"
local zapped = "one\z
               two"
local continued = "line one\
line two"
local long = [[
the first line break is skipped]]
local level2 = [==[
a ]] or ]=] does not close it]==]
local empty = [[]] .. ""
