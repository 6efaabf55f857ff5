window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "783214",
      "userLink" : "https://twitter.com/intent/user?user_id=783214"
    }
  },
  {
    "following" : {
      "accountId" : "5551",
      "userLink" : "https://twitter.com/intent/user?user_id=5551"
    }
  },
  {
    "following" : {
      "accountId" : "4242",
      "userLink" : "https://twitter.com/intent/user?user_id=4242"
    }
  },
  {
    "following" : {
      "accountId" : "7777",
      "userLink" : "https://twitter.com/intent/user?user_id=7777"
    }
  }
]