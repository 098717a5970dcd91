-- print writes strings as they are, bytes and all.
print("tab:\tend", "nul:\0:end", "quote\"")
print("multi\nline")
print(#"four", #"")
