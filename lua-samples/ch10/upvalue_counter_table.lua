-- Several closures over one variable form an object.
local function account(balance)
  return {
    deposit = function(v) balance = balance + v end,
    withdraw = function(v) balance = balance - v end,
    balance = function() return balance end,
  }
end
local a = account(100)
a.deposit(50)
a.withdraw(30)
print(a.balance())
local b = account(0)
print(b.balance(), a.balance())
