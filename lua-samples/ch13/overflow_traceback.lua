-- A deep stack shows the first and last levels of the traceback only.
local function recurse(n)
  if n == 0 then local x = nil; return x.boom end
  return 1 + recurse(n - 1)
end
recurse(30)
