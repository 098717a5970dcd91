-- The smallest interesting chunk: one global call with a string constant.
print("Hello, binary chunk!")
