-- 22 levels are the most a traceback shows in full (lauxlib.c's
-- LEVELS1 + LEVELS2 + 1); one more, and the middle is left out.
local function recurse(n)
  if n == 0 then local x = nil; return x.boom end
  return 1 + recurse(n - 1)
end
recurse(19)
