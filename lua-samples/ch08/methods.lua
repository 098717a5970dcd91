-- obj:method(args) passes obj as the first argument (SELF).
local account = { balance = 100 }
function account.deposit(self, amount)
  self.balance = self.balance + amount
  return self
end
function account:withdraw(amount)
  self.balance = self.balance - amount
  return self
end
account:deposit(50):withdraw(30):deposit(5)
return account.balance
