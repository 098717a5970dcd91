-- break leaves a generic for; the iterator is not called again.
local calls = 0
local function counting(n)
  return function(_, i)
    calls = calls + 1
    if i < n then return i + 1 end
  end, nil, 0
end
for i in counting(100) do
  if i == 5 then break end
end
print(calls)
