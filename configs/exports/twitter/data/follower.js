window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "783214",
      "userLink" : "https://twitter.com/intent/user?user_id=783214"
    }
  },
  {
    "follower" : {
      "accountId" : "5551",
      "userLink" : "https://twitter.com/intent/user?user_id=5551"
    }
  },
  {
    "follower" : {
      "accountId" : "7777",
      "userLink" : "https://twitter.com/intent/user?user_id=7777"
    }
  }
]