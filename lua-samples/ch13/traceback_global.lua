-- A traceback names global functions by their global name.
function level_one() level_two() end
function level_two() local x = nil; return x() end
level_one()
