-- A label name may be used once per block.
::again::
print(1)
::again::
