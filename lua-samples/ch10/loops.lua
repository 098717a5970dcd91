-- Each iteration of a loop has its own loop variable, so closures made in
-- different iterations capture different variables.
local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
end
print(fns[1](), fns[2](), fns[3]())
local others = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j * 10
  others[j] = function() k = k + 1; return k end
end
print(others[1](), others[1](), others[2](), others[3]())
