-- z(...) passes on every extra argument of the main chunk, and there are
-- none: VARARG leaves the top right after the function, and the CALL with
-- B = 0 takes its arguments from there. (Made by hand, a chunk can leave
-- the top below the function instead; the VM must refuse that.)
local function count(...) return #{...}, ... end
local x, y, z = 1, 2, count
local n = z(...)
return n, z(...)
