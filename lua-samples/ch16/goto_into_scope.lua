-- A goto may not jump forward into the scope of a local.
goto skip
local a = 1
::skip::
print(a)
