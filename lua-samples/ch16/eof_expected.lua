-- Nothing may follow a return in its block.
return 1
print(2)
