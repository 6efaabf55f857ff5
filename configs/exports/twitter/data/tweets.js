window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2120426299192247506"
          ],
          "editableUntil" : "2026-11-11T09:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "rust",
            "indices" : [
              "30",
              "35"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Dan Example",
            "screen_name" : "danexample",
            "indices" : [
              "15",
              "26"
            ],
            "id_str" : "783214",
            "id" : "783214"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/Xk3dPq8LmZ",
            "expanded_url" : "https://dan.example/posts/rust-performance",
            "display_url" : "dan.example/posts/rust-perf…",
            "indices" : [
              "87",
              "110"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "110"
      ],
      "favorite_count" : "4",
      "id_str" : "2120426299192247506",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "2120426299192247506",
      "possibly_sensitive" : false,
      "created_at" : "Wed Nov 11 08:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Worth reading: @danexample on #rust performance, and what the profiler really told him https://t.co/Xk3dPq8LmZ",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2118060711736247506"
          ],
          "editableUntil" : "2026-11-04T20:20:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "databases",
            "indices" : [
              "85",
              "95"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Alice Mutual",
            "screen_name" : "alice_mutual",
            "indices" : [
              "0",
              "13"
            ],
            "id_str" : "5551",
            "id" : "5551"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "14",
        "108"
      ],
      "favorite_count" : "2",
      "in_reply_to_status_id_str" : "2117642959057847506",
      "id_str" : "2118060711736247506",
      "in_reply_to_user_id" : "5551",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2118060711736247506",
      "in_reply_to_status_id" : "2117642959057847506",
      "created_at" : "Wed Nov 04 19:20:00 +0000 2026",
      "favorited" : false,
      "full_text" : "@alice_mutual The clearest explanation of cost models I have read. Saving it for the #databases study group.",
      "lang" : "en",
      "in_reply_to_screen_name" : "alice_mutual",
      "in_reply_to_user_id_str" : "5551"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2107395435525047506"
          ],
          "editableUntil" : "2026-10-06T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Alice Mutual",
            "screen_name" : "alice_mutual",
            "indices" : [
              "3",
              "16"
            ],
            "id_str" : "5551",
            "id" : "5551"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/Qp7LmN2xYz",
            "expanded_url" : "https://alice.example/posts/planner",
            "display_url" : "alice.example/posts/planner",
            "indices" : [
              "73",
              "96"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "96"
      ],
      "favorite_count" : "0",
      "id_str" : "2107395435525047506",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2107395435525047506",
      "possibly_sensitive" : false,
      "created_at" : "Tue Oct 06 09:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "RT @alice_mutual: How a query planner picks a join order, with pictures: https://t.co/Qp7LmN2xYz",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2099075614110647506"
          ],
          "editableUntil" : "2026-09-13T11:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Dan Example",
            "screen_name" : "danexample",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "783214",
            "id" : "783214"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "12",
        "156"
      ],
      "favorite_count" : "6",
      "in_reply_to_status_id_str" : "2098158068167607506",
      "id_str" : "2099075614110647506",
      "in_reply_to_user_id" : "783214",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2099075614110647506",
      "in_reply_to_status_id" : "2098158068167607506",
      "created_at" : "Sun Sep 13 10:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "@danexample One thing worth adding: the borrow checker's error for this case improved in 1.80, so the workaround in your second example is no longer needed.",
      "lang" : "en",
      "in_reply_to_screen_name" : "danexample",
      "in_reply_to_user_id_str" : "783214"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2095179944555447506"
          ],
          "editableUntil" : "2026-09-02T17:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "rust",
            "indices" : [
              "35",
              "40"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Rw4sTn6VbC",
            "expanded_url" : "https://github.com/adalovelace/tinyparse",
            "display_url" : "github.com/adalovelace/tin…",
            "indices" : [
              "99",
              "122"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "122"
      ],
      "favorite_count" : "11",
      "id_str" : "2095179944555447506",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "2095179944555447506",
      "possibly_sensitive" : false,
      "created_at" : "Wed Sep 02 16:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "What I learned porting a parser to #rust: fewer clones than I feared, more lifetimes than I hoped. https://t.co/Rw4sTn6VbC",
      "lang" : "en"
    }
  }
]