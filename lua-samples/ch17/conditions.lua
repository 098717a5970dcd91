-- Conditions: and/or keep the value that decided, not and not not make
-- booleans, comparisons become jumps, and a comparison assigned to a
-- variable needs a pair of LOADBOOLs.
local function pick(a, b, c) return a and b or c end
print(pick(1, 2, 3), pick(nil, 2, 3), pick(1, false, 3))
local v = nil
print(not not v, not not 0, not v)
if not v then print("v is nil") end
print(v == nil, v ~= nil)
local yes = 1 == 1
local no = 1 > 2
print(yes, no)
local n = 5
if n > 3 and n < 10 or n == 100 then print("in range") end
local w = n >= 5 and "big" or "small"
print(w)
while not (n <= 0) do n = n - 2 end
print(n)
