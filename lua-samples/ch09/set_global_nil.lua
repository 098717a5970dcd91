-- Assigning nil to a global removes it.
value = 1
print(value)
value = nil
print(value)
