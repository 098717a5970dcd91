-- Leaving a block closes the upvalues of its locals (JMP with A > 0 when
-- the block is inside a loop); the next iteration gets new variables.
local saved = {}
for i = 1, 3 do
  do
    local v = i * i
    saved[#saved + 1] = function() return v end
    if i == 2 then goto continue end
    v = v + 100
  end
  ::continue::
end
print(saved[1](), saved[2](), saved[3]())
