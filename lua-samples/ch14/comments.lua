#!/usr/bin/env lua
-- The first line of a file is skipped when it starts with #.
--[[ a long comment
over two lines ]] local x = 1 -- a short one
--[==[ another,
  with ]] inside ]==] return x
-- and a comment at the very end, without a line break