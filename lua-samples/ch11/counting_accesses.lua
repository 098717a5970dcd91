-- A proxy that counts reads and writes.
local reads, writes = 0, 0
local store = {}
local proxy = setmetatable({}, {
  __index = function(_, k) reads = reads + 1; return store[k] end,
  __newindex = function(_, k, v) writes = writes + 1; store[k] = v end,
})
proxy.a = 1; proxy.b = 2; proxy.a = 3
local _ = proxy.a + proxy.b
print(reads, writes, store.a)
