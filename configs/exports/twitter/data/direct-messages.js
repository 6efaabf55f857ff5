window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "5551-9001",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "9001",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Come to the meetup on Dec 3, Dan is speaking. I can save you a seat.",
            "mediaUrls" : [ ],
            "senderId" : "5551",
            "id" : "2121666219340727506",
            "createdAt" : "2026-11-14T18:07:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "5551",
            "reactions" : [
              {
                "senderId" : "5551",
                "reactionKey" : "like",
                "eventId" : "2120944715166647506",
                "createdAt" : "2026-11-12T18:20:00.000Z"
              }
            ],
            "urls" : [
              {
                "url" : "https://t.co/Mv8cZa1qRt",
                "expanded" : "https://hachyderm.example/@ada/113423000000000004",
                "display" : "hachyderm.example/@ada/11342300…"
              }
            ],
            "text" : "Wrote up the wasm profiling notes you asked about: https://t.co/Mv8cZa1qRt",
            "mediaUrls" : [ ],
            "senderId" : "9001",
            "id" : "2120941191951287506",
            "createdAt" : "2026-11-12T18:06:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "9001",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Your talk proposal reads well. Send me the slides when you have a draft?",
            "mediaUrls" : [ ],
            "senderId" : "5551",
            "id" : "2099921940771767506",
            "createdAt" : "2026-09-15T18:03:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "5551",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Loved your thread on query planners. Could I ask you a few questions about teaching them?",
            "mediaUrls" : [ ],
            "senderId" : "9001",
            "id" : "2050998823941047506",
            "createdAt" : "2026-05-03T18:00:00.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "4242-9001",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "4242",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Hi Hugo, just following up on my note from last week. Would love 15 minutes of your time.",
            "mediaUrls" : [ ],
            "senderId" : "9001",
            "id" : "2121890950149047506",
            "createdAt" : "2026-11-15T09:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "4242",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Hi Hugo, I am Ada. I have been following your work on build systems and would love to pick your brain.",
            "mediaUrls" : [ ],
            "senderId" : "9001",
            "id" : "2118267071493047506",
            "createdAt" : "2026-11-05T09:00:00.000Z"
          }
        }
      ]
    }
  }
]