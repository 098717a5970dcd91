-- A for loop is = or in after its first name.
for i do end
