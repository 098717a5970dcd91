-- Classes and inheritance through __index chains.
local Animal = {}
Animal.__index = Animal
function Animal.new(name) return setmetatable({ name = name }, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name); return setmetatable(d, Dog) end
function Dog:speak() return self.name .. " barks" end
function Dog:parent_speak() return Animal.speak(self) end
local d = Dog.new("rex")
print(d:speak(), d:parent_speak(), getmetatable(d) == Dog)
