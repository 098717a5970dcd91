-- Every reserved word and every symbol of Lua 5.3, and names around them.
and break do else elseif end false for function goto if in
local nil not or repeat return then true until while
+ - * / % ^ # & ~ | << >> //
== ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ...
names _with_underscores CamelCase x1 _ __index
a.b:c(d)[e]{f=g}
x=-1 y=~2 z=a~=b
