-- Errors about fields name them.
local t = { inner = {} }
print(pcall(function() return t.inner.missing.x end))
print(pcall(function() t.inner.f() end))
print(pcall(function() return t.inner:method() end))
