-- A traceback names each function as its caller called it, says where a
-- Rust (C) function is running, and marks tail calls.
function global_function(x)
  local function helper(y)
    return error("deep error: " .. y)
  end
  return helper(x) -- a tail call: the caller's frame is gone
end
local t = { method = function(self) global_function(self.value) end }
t.value = "v"
local ok, e = pcall(t.method, t)
print(ok, e)
t:method()
