-- The ')' of a call opened on line 3 is missing: the message names the
-- line of the '('.
print("a",
  "b"
  "c")
