-- Global variables live in a table: reading one that was never set gives
-- nil, and functions defined without `local` are globals too.
counter = 10
function bump(by)
  counter = counter + by
  return counter
end
print(bump(5), bump(-2), counter)
print(undefined_variable)
local saved = bump
bump = nil
print(bump, saved(1))
