-- The first program that prints: print is a Rust function, found in the
-- table of global variables through _ENV.
print("Hello, world!")
print("several", "values", 1, 2.5, nil, true)
print()
print(print == print, print ~= nil, undefined == nil)
