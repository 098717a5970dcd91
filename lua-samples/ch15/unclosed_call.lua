-- The ')' of a call opened on line 2 is missing: the message names the
-- line of the '('.
print("a",
  "b"
  "c")
