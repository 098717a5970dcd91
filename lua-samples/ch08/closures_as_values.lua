-- Functions are values: stored in tables, passed and returned.
local function apply(f, x) return f(x) end
local ops = {
  double = function(x) return x * 2 end,
  square = function(x) return x * x end,
}
return apply(ops.double, 21), apply(ops.square, 12), ops.double == ops.double, ops.double ~= ops.square
