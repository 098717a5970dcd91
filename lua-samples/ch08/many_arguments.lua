-- Calls with many arguments and results.
local function sum(a, b, c, d, e, f, g, h, i, j)
  return a + b + c + d + e + f + g + h + i + j
end
local function spread() return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 end
return sum(spread()), sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
