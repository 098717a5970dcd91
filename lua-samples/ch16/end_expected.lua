-- The end of the file comes before the function's end.
local t = {}
function t.f(n)
  return n + 1
