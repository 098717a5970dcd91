-- \q is not an escape sequence.
local s = "a\qb"
