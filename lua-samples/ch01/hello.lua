-- The first program of the book. Chapter 1 cannot run it yet: it only
-- finds the file, reads it and says what it is. By chapter 9 it prints.
print("Hello, Lua!")
