-- Function expressions, whose bodies are blocks of calls; `...` in a
-- vararg function, and a semicolon between two statements where the
-- second starts with a parenthesis.
(function(a, b, ...)
  print(a, b, select("#", ...))
  print(...)
end)(1, 2, "x", "y");
(function(...) print(select("#", ...)) end)()
print(#{1, 2, 3; 4}, ({10, 20, x = 1, [3] = 30})[3])
print(({...})[1], select("#", ...))
