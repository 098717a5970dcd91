-- How many values a call produces depends on where it is: all of them at
-- the end of a list, exactly one elsewhere or in parentheses.
local function none() end
local function one() return 1 end
local function three() return 1, 2, 3 end

local a, b, c, d = three()           -- 1 2 3 nil
local e, f = three(), 10             -- 1 10: truncated to one
local g = (three())                  -- 1: parentheses keep one
local list = { three(), three() }    -- 1 1 2 3
local nothing = { none() }           -- empty
local h, i = none(), one()           -- nil 1
return a, b, c, d, e, f, g, #list, list[4], #nothing, h, i, three()
