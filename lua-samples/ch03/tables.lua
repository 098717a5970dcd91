-- Table constructors (array and hash parts, SETLIST in batches of 50 and
-- with a multiple-result call at the end), indexing with registers and
-- constants, globals through _ENV, and method calls (SELF).
local list = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38,
  39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,
}
local point = { x = 1, y = 2, [3] = "three", ["key with spaces"] = true }
local function values() return 4, 5, 6 end
local open = { 1, 2, 3, values() }
counter = 0
counter = counter + #list
local key = "x"
point[key] = point[key] + point.y
point.z = point[3]
local object = { n = 0 }
function object:bump(by)
  self.n = self.n + by
  return self
end
object:bump(2):bump(3)
return list[55], point.x, #open, counter, object.n, nil
