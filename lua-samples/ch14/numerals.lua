-- Numerals: integers, floats, hexadecimal, and what happens at the edges.
local integers = {3, 345, 0xff, 0XBEBADA, 9223372036854775807}
local floats = {3.0, 3.1416, 314.16e-2, 0.31416E1, 34e1, .5, 5., 1e309}
local hex_floats = {0x0.1E, 0xA23p-4, 0X1.921FB54442D18P+1, 0x.8p1}
local wraps = 0xffffffffffffffff      -- hexadecimal integers wrap: -1
local overflows = 9223372036854775808 -- a decimal one becomes a float
local dots = 1 .. 2                   -- a space keeps a dot from a numeral
