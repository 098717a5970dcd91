-- error's level picks whose position the message gets.
local function level0() error("zero", 0) end
local function level1() error("one", 1) end
local function level2() error("two", 2) end
local function caller() level2() end
print(pcall(level0))
print(pcall(level1))
print(pcall(caller))
