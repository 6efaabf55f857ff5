window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "2117642959057847506",
      "fullText" : "Cost models are just guesses with good manners. A thread on how planners price a nested loop against a hash join, and why the estimates go wrong. 🧵",
      "expandedUrl" : "https://twitter.com/i/web/status/2117642959057847506"
    }
  },
  {
    "like" : {
      "tweetId" : "2116862818513847506",
      "fullText" : "Every team needs one person who reads the query plan before the incident, not after.",
      "expandedUrl" : "https://twitter.com/i/web/status/2116862818513847506"
    }
  },
  {
    "like" : {
      "tweetId" : "2098158068167607506",
      "fullText" : "New post: three borrow checker errors and the workarounds I reach for https://t.co/Hn2bVc9XwQ",
      "expandedUrl" : "https://twitter.com/i/web/status/2098158068167607506"
    }
  }
]