-- __len overrides # for tables.
local t = setmetatable({ 1, 2, 3 }, { __len = function() return 42 end })
print(#t, rawlen(t))
local u = setmetatable({}, { __len = function(self) return rawlen(self) + 100 end })
u[1] = "x"
print(#u)
