-- Chapter 5 applies every operator to each constant and the next one, so
-- the constants are listed in pairs worth looking at. A constant appears
-- once in the table, where it is first used, so the later use of 1
-- reuses the first.
local operands = {
  7, -2,                          -- floor division and modulo by a negative
  7.5, 2,                         -- a float and an integer
  "10", 3,                        -- a numeric string takes part as a float
  "0x10", "1e1",                  -- hexadecimal and exponent numerals
  9223372036854775807, 1,         -- integers wrap around
  9007199254740993, 9007199254740992.0, -- 2^53 + 1 is no float
  1, 0,                           -- division by zero
  "abc", 1.5,                     -- not a number; no integer representation
  "", -0.0,                       -- the empty string; negative zero
}
return operands
