-- A local shadows a global of the same name; the global is untouched.
x = "global"
do
  local x = "local"
  print(x)
end
print(x)
local print_ = print
print = nil
print_(print)
