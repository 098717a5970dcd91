-- pcall inside pcall inside pcall, each level catching its own error.
local depth = 0
local function nest(n)
  if n == 0 then error("bottom") end
  local ok, e = pcall(nest, n - 1)
  depth = depth + 1
  error(e, 0)
end
print(pcall(nest, 50))
print(depth)
