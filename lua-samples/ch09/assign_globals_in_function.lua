-- Functions read and write globals through _ENV.
local function set(v) shared = v end
local function get() return shared end
set(10)
print(get(), shared)
set(nil)
print(get())
