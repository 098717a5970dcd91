-- A while loop's body is a new scope each time round.
local fns = {}
local i = 1
while i <= 3 do
  local captured = i
  fns[i] = function() return captured end
  i = i + 1
end
print(fns[1](), fns[2](), fns[3]())
