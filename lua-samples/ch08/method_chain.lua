-- Methods returning self chain; SELF evaluates the object once.
local builder = { parts = {}, n = 0 }
function builder:add(x) self.n = self.n + 1; self.parts[self.n] = x; return self end
function builder:count() return self.n end
return builder:add("a"):add("b"):add("c"):count(), builder.parts[3]
