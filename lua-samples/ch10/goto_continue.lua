-- goto continue inside a loop with captured locals.
local fns = {}
for i = 1, 6 do
  local v = i
  if v % 2 == 0 then goto continue end
  fns[#fns + 1] = function() return v end
  ::continue::
end
print(#fns, fns[1](), fns[2](), fns[3]())
