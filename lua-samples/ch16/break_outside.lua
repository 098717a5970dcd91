-- break leaves a loop, and there is none.
if true then
  break
end
