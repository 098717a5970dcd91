-- Only a vararg function may use '...'.
(function(a) print(...) end)(1)
