-- Closures made in a numeric loop capture each iteration's variable.
local adders = {}
for i = 1, 5 do adders[i] = function(x) return x + i end end
print(adders[1](10), adders[3](10), adders[5](10))
