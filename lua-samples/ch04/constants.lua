-- The constants of this chunk become the first values on chapter 4's stack:
-- an integer, a float, strings, and nil and a boolean (which are constants
-- only where an instruction reads them as an operand).
local t = {}
t[true] = nil
local answer = 42
local pi = 3.14159
local greeting = "hello"
local whole = 1.0
return t, answer, pi, greeting, whole
