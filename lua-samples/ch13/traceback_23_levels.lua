-- 23 levels: the traceback shows the first 10 and the last 11, and "..."
-- stands for the two between.
local function recurse(n)
  if n == 0 then local x = nil; return x.boom end
  return 1 + recurse(n - 1)
end
recurse(20)
