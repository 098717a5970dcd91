-- __call receives the object and then the call's arguments.
local f = setmetatable({}, { __call = function(self, a, b, c) return a, b, c end })
print(f(1, 2, 3))
print(f())
local g = setmetatable({}, { __call = function(self, ...) return self, ... end })
local self_, arg = g("x")
print(self_ == g, arg)
