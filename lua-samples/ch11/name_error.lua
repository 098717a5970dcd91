-- A metatable's __name is the type name in error messages.
local named = setmetatable({}, { __name = "MyType" })
print(type(named), #named)
named()
