-- No label of that name is visible from the goto.
do
  ::inner::
end
goto inner
