-- Functions stored in globals, replaced and called again.
function greet(name) return "hello " .. name end
print(greet("lua"))
local old = greet
function greet(name) return old(name) .. "!" end
print(greet("rust"))
