-- Lua calling Rust calling nothing, and Rust functions in every position:
-- as values, in tables, as the last expression of a call, in tail position.
local p = print
local t = { show = print }
t.show("from a table")
p("from a local")
local function relay(...)
  return print(...)
end
relay("through", "a", "tail", "call")
print(print("nested"))
print(#{ print("in a constructor") })
