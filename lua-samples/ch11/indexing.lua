-- __index and __newindex, as tables and as functions, and inheritance
-- through a chain of __index tables.
local Base = { greeting = "hello", kind = "base" }
local Derived = setmetatable({ kind = "derived" }, { __index = Base })
local object = setmetatable({}, { __index = Derived })
print(object.greeting, object.kind, object.missing, rawget(object, "kind"))

local defaults = setmetatable({}, { __index = function(t, k) return k .. "!" end })
print(defaults.x, defaults[1], rawget(defaults, "x"))

local log = {}
local guarded = setmetatable({}, { __newindex = function(t, k, v)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v)
  rawset(t, k, v * 2)
end })
guarded.a = 1
guarded.a = 10       -- exists now: no metamethod
guarded.b = 2
print(guarded.a, guarded.b, #log, log[1], log[2])

local store = {}
local proxy = setmetatable({}, { __newindex = store, __index = store })
proxy.value = 42
print(rawget(proxy, "value"), store.value, proxy.value)
