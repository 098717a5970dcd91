-- Two closures made in one iteration share that iteration's variable.
local getters, setters = {}, {}
for i = 1, 2 do
  local v = i
  getters[i] = function() return v end
  setters[i] = function(x) v = x end
end
setters[1](100)
print(getters[1](), getters[2]())
