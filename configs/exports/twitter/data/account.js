window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "ada@ada.example",
      "createdVia" : "web",
      "username" : "adalovelace",
      "accountId" : "9001",
      "createdAt" : "2009-02-10T08:00:00.000Z",
      "accountDisplayName" : "Ada Lovelace"
    }
  }
]