-- Every kind of statement Lua 5.3 has, once.
local a, b = 1, 2                       -- local
local function add(x, y) return x + y end
a, b = b, a                             -- multiple assignment
print(a, b, add(a, b))                  -- call
do local a = 10; print(a) end           -- do ... end, and `;`
while a < 4 do a = a + 1 end            -- while
repeat b = b * 2 until b > 20           -- repeat
if a == 4 then print("four") elseif a == 5 then print("five") else print("other") end
for i = 10, 1, -4 do print(i) end       -- numeric for
for k, v in ipairs({"x", "y"}) do print(k, v) end
local t = {}
function t.f(n) return n * 2 end        -- function statements
function t:g(n) return self.f(n) + 1 end
print(t.f(3), t:g(3))
for i = 1, 3 do
  if i == 2 then goto continue end      -- goto and a label
  print("i", i)
  ::continue::
end
while true do break end                 -- break
print((function(...) return select("#", ...) end)(1, 2, 3))
return
