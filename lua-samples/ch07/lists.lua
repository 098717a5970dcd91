-- Array-like tables: constructors, SETLIST in batches, appending with
-- t[#t + 1], and the length operator.
local squares = {}
for i = 1, 10 do
  squares[#squares + 1] = i * i
end
local primes = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
  73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173,
  179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271 }
local sum = 0
for i = 1, #primes do
  sum = sum + primes[i]
end
local matrix = { { 1, 2 }, { 3, 4 } }
-- Nils in a constructor cost one LOADNIL for all of them.
local nils = { nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, 18 }
local det = matrix[1][1] * matrix[2][2] - matrix[1][2] * matrix[2][1]
return #squares, squares[10], #primes, sum, det, #{}, #{ nil }, #{ 1, 2, 3, nil }, #nils
