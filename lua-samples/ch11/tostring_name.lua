-- tostring uses __tostring; print calls tostring.
local obj = setmetatable({}, { __tostring = function(self) return "<object>" end })
print(obj, tostring(obj), type(tostring(obj)))
local num = setmetatable({}, { __tostring = function() return 42 end })
print(tostring(num))
