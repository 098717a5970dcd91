-- An expression cannot start with 'then'.
print(1 + then)
