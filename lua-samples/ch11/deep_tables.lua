-- Long chains of tables, each holding the next: once, twice, as a key,
-- and as a metatable. Freeing a chain must not take one Rust stack frame
-- per table.
local n = 100000
local t = {}
for i = 1, n do t = { t } end
t = nil
local u = {}
for i = 1, n do u = { u, u } end
u = nil
local k = {}
for i = 1, n do k = { [k] = k } end
k = nil
local m = {}
for i = 1, n do m = setmetatable({}, m) end
m = nil
print("freed", 4 * n, "tables")
