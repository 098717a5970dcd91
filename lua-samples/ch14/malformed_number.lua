-- The lexer reads the longest run that could be a numeral, then checks it.
local range = 3..2
