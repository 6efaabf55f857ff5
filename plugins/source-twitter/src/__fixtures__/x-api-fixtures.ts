import type { FixtureResponse, FixtureServer } from '@handshake/testing';

/**
 * A small world on the X API v2, in X's own shapes: user objects with `entities` and
 * `public_metrics`, timelines with `includes` joined by id, partial `errors`, `meta.next_token`, and
 * the `x-rate-limit-*` headers. Ids are strings beyond 2^53, and Dan's and Carol's differ only in the
 * last digit, so an id read as a number would merge them.
 */

/** The instant the tests' clock starts at, and the Date header X answers with. */
export const NOW = '2024-06-15T12:00:00Z';
export const DATE = 'Sat, 15 Jun 2024 12:00:00 GMT';
const NOW_SECONDS = Date.parse(NOW) / 1000;

export const ADA = '2244994945';
export const DAN = '1456789012345678901';
export const CAROL = '1456789012345678902';
export const EVE = '1456789012345678903';
export const ZED = '98765432';
export const YAN = '87654321';

export const T_POST = '1801000000000000001';
export const T_REPLY = '1801000000000000002';
export const T_RETWEET = '1801000000000000003';
export const T_QUOTE = '1801000000000000004';
export const T_GONE = '1801000000000000005';
export const T_FIRST_EDIT = '1801000000000000006';
export const T_EDITED = '1801000000000000007';
export const T_OLD = '1800000000000000001';
export const M_STRANGER = '1801000000000000101';
export const M_CAROL = '1801000000000000102';
/** Tweets other tweets point at. */
export const ADA_TWEET = '1800999999999999990';
export const CAROL_TWEET = '1800999999999999991';
export const EVE_TWEET = '1800999999999999992';
export const DELETED_TWEET = '1800999999999999993';
export const NEXT_TWEETS = '7140dibdnow9c7btw3z3w2g5p0v4mk1';
export const NEXT_FOLLOWING = '1ONH8DLMC1E1IZZZ';

/** X's headers: JSON, the Date, and the endpoint's budget, reset 15 minutes after NOW. */
export function xHeaders(remaining = 14, limit = 15): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    date: DATE,
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(NOW_SECONDS + 900),
    'x-access-level': 'read',
  };
}

export function xAnswer(body: unknown, headers: Record<string, string> = xHeaders()): FixtureResponse {
  return { status: 200, headers, body };
}

/** A page with nothing: what X answers for an empty timeline or list. */
export const EMPTY = xAnswer({ meta: { result_count: 0 } });

export const adaUser = {
  id: ADA,
  name: 'Ada Lovelace',
  username: 'ada',
  created_at: '2013-12-14T04:35:55.000Z',
  description: 'Notes on engines.',
  url: '',
  public_metrics: { followers_count: 120, following_count: 80, tweet_count: 412, listed_count: 3 },
};

export const danUser = {
  id: DAN,
  name: 'Dan Example',
  username: 'dan_example',
  created_at: '2009-03-01T10:00:00.000Z',
  description: 'Docs, #rust, and the web.',
  url: 'https://t.co/dAnSiTe01',
  entities: {
    url: {
      urls: [
        { start: 0, end: 23, url: 'https://t.co/dAnSiTe01', expanded_url: 'https://dan.example/about', display_url: 'dan.example/about' },
      ],
    },
    description: { hashtags: [{ start: 6, end: 11, tag: 'rust' }] },
  },
  public_metrics: { followers_count: 5400, following_count: 310, tweet_count: 9001, listed_count: 40 },
};

export const carolUser = {
  id: CAROL,
  name: 'Carol Intro',
  username: 'carol',
  created_at: '2011-05-05T08:00:00.000Z',
  description: '',
  url: 'https://t.co/gItHuB0001',
  entities: {
    url: {
      urls: [
        { start: 0, end: 23, url: 'https://t.co/gItHuB0001', expanded_url: 'https://github.com/carol', display_url: 'github.com/carol' },
      ],
    },
  },
  public_metrics: { followers_count: 900, following_count: 450, tweet_count: 3000, listed_count: 12 },
};

export const eveUser = {
  id: EVE,
  name: 'Eve',
  username: 'eve',
  public_metrics: { followers_count: 70, following_count: 60, tweet_count: 10, listed_count: 0 },
};
export const zedUser = {
  id: ZED,
  name: 'Zed',
  username: 'zed',
  public_metrics: { followers_count: 5, following_count: 5000, tweet_count: 1, listed_count: 0 },
};
export const yanUser = { id: YAN, name: 'Yan', username: 'yan' };

/** Dan's timeline, newest first: a post, a reply, a retweet, a quote, a retweet of a deleted tweet, an edited post, and two bad records. */
export const danTweetsPage1 = {
  data: [
    {
      id: T_EDITED,
      edit_history_tweet_ids: [T_FIRST_EDIT, T_EDITED],
      text: 'Edited: docs are live',
      author_id: DAN,
      created_at: '2024-06-14T09:30:00.000Z',
      conversation_id: T_EDITED,
    },
    {
      id: T_GONE,
      edit_history_tweet_ids: [T_GONE],
      text: 'RT @ghost: gone now',
      author_id: DAN,
      created_at: '2024-06-13T09:00:00.000Z',
      conversation_id: T_GONE,
      referenced_tweets: [{ type: 'retweeted', id: DELETED_TWEET }],
      entities: { mentions: [{ start: 3, end: 9, username: 'ghost' }] },
    },
    {
      id: T_QUOTE,
      edit_history_tweet_ids: [T_QUOTE],
      text: 'This, exactly https://t.co/qUoTe00001',
      author_id: DAN,
      created_at: '2024-06-12T08:00:00.000Z',
      conversation_id: T_QUOTE,
      referenced_tweets: [{ type: 'quoted', id: EVE_TWEET }],
      entities: {
        urls: [
          {
            start: 14,
            end: 37,
            url: 'https://t.co/qUoTe00001',
            expanded_url: `https://twitter.com/eve/status/${EVE_TWEET}`,
            display_url: `twitter.com/eve/status/${EVE_TWEET.slice(0, 6)}…`,
          },
        ],
      },
    },
    {
      id: T_RETWEET,
      edit_history_tweet_ids: [T_RETWEET],
      text: 'RT @carol: A warm intro is earned &amp; never asked cold',
      author_id: DAN,
      created_at: '2024-06-11T07:00:00.000Z',
      conversation_id: T_RETWEET,
      referenced_tweets: [{ type: 'retweeted', id: CAROL_TWEET }],
      entities: { mentions: [{ start: 3, end: 9, username: 'carol', id: CAROL }] },
    },
    {
      id: T_REPLY,
      edit_history_tweet_ids: [T_REPLY],
      text: '@ada Thanks, that helps!',
      author_id: DAN,
      created_at: '2024-06-10T06:00:00.000Z',
      conversation_id: ADA_TWEET,
      in_reply_to_user_id: ADA,
      referenced_tweets: [{ type: 'replied_to', id: ADA_TWEET }],
      entities: { mentions: [{ start: 0, end: 4, username: 'ada' }] },
    },
    {
      id: T_POST,
      edit_history_tweet_ids: [T_POST],
      text: 'Shipping #rust docs today with @carol https://t.co/dOcS000001',
      author_id: DAN,
      created_at: '2024-06-09T05:00:00.000Z',
      conversation_id: T_POST,
      entities: {
        hashtags: [{ start: 9, end: 14, tag: 'rust' }],
        mentions: [{ start: 31, end: 37, username: 'carol', id: CAROL }],
        urls: [
          {
            start: 38,
            end: 61,
            url: 'https://t.co/dOcS000001',
            expanded_url: 'https://dan.example/blog/docs',
            display_url: 'dan.example/blog/docs',
            unwound_url: 'https://dan.example/blog/docs',
          },
        ],
      },
    },
    { text: 'a tweet without its id', author_id: DAN, created_at: '2024-06-08T05:00:00.000Z' },
    { id: '1800900000000000001', text: 'on a day that never was', author_id: DAN, created_at: '2024-02-30T05:00:00.000Z' },
  ],
  includes: {
    users: [danUser, adaUser, carolUser, eveUser],
    tweets: [
      { id: CAROL_TWEET, text: 'A warm intro is earned &amp; never asked cold', author_id: CAROL, created_at: '2024-06-11T06:00:00.000Z' },
      { id: EVE_TWEET, text: 'Write the docs first.', author_id: EVE, created_at: '2024-06-12T07:00:00.000Z' },
      { id: ADA_TWEET, text: 'Try the tutorial first.', author_id: ADA, created_at: '2024-06-10T05:00:00.000Z' },
    ],
  },
  errors: [
    {
      value: DELETED_TWEET,
      detail: `Could not find tweet with referenced_tweets.id: [${DELETED_TWEET}].`,
      title: 'Not Found Error',
      resource_type: 'tweet',
      parameter: 'referenced_tweets.id',
      resource_id: DELETED_TWEET,
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    },
  ],
  meta: { result_count: 8, newest_id: T_EDITED, oldest_id: T_POST, next_token: NEXT_TWEETS },
};

export const danTweetsPage2 = {
  data: [{ id: T_OLD, edit_history_tweet_ids: [T_OLD], text: 'An older thought', author_id: DAN, created_at: '2024-05-01T10:00:00.000Z' }],
  includes: { users: [danUser] },
  meta: { result_count: 1, newest_id: T_OLD, oldest_id: T_OLD },
};

/** Tweets that mention Dan: a stranger's (only its mention of Dan is kept) and Carol's reply (all of it). */
export const danMentions = {
  data: [
    {
      id: M_CAROL,
      edit_history_tweet_ids: [M_CAROL],
      text: '@dan_example glad to help',
      author_id: CAROL,
      created_at: '2024-06-09T07:00:00.000Z',
      conversation_id: T_POST,
      in_reply_to_user_id: DAN,
      referenced_tweets: [{ type: 'replied_to', id: T_POST }],
      entities: { mentions: [{ start: 0, end: 12, username: 'dan_example', id: DAN }] },
    },
    {
      id: M_STRANGER,
      edit_history_tweet_ids: [M_STRANGER],
      text: '@dan_example @yan love this https://t.co/sTrAnGe001',
      author_id: ZED,
      created_at: '2024-06-09T06:00:00.000Z',
      conversation_id: M_STRANGER,
      entities: {
        mentions: [
          { start: 0, end: 12, username: 'dan_example', id: DAN },
          { start: 13, end: 17, username: 'yan', id: YAN },
        ],
        urls: [{ start: 28, end: 51, url: 'https://t.co/sTrAnGe001', expanded_url: 'https://zed.example/', display_url: 'zed.example' }],
      },
    },
  ],
  includes: {
    users: [carolUser, danUser, zedUser, yanUser],
    tweets: [
      {
        id: T_POST,
        text: 'Shipping #rust docs today with @carol https://t.co/dOcS000001',
        author_id: DAN,
        created_at: '2024-06-09T05:00:00.000Z',
      },
    ],
  },
  meta: { result_count: 2, newest_id: M_STRANGER, oldest_id: M_CAROL },
};

/**
 * Routes for the whole world: Ada's profile by id, Carol's by username, Dan's by id with his lists,
 * timelines and likers, and empty lists for everyone else.
 */
export function routeWorld(server: FixtureServer): void {
  server.route({ path: `/2/users/${ADA}`, responses: xAnswer({ data: adaUser }) });
  server.route({ path: `/2/users/${DAN}`, responses: xAnswer({ data: danUser }) });
  server.route({ path: '/2/users/by/username/carol', responses: xAnswer({ data: carolUser }) });
  for (const list of ['following', 'followers', 'tweets', 'mentions']) server.route({ path: `/2/users/:id/${list}`, responses: EMPTY });
  server.route({ path: '/2/tweets/:id/liking_users', responses: EMPTY });
  server.route({
    path: `/2/users/${DAN}/following`,
    responses: xAnswer({ data: [carolUser, eveUser], meta: { result_count: 2, next_token: NEXT_FOLLOWING } }),
  });
  server.route({
    path: `/2/users/${DAN}/following`,
    query: { pagination_token: NEXT_FOLLOWING },
    responses: xAnswer({ data: [adaUser], meta: { result_count: 1, previous_token: 'P1' } }),
  });
  server.route({ path: `/2/users/${DAN}/followers`, responses: xAnswer({ data: [adaUser, zedUser], meta: { result_count: 2 } }) });
  server.route({ path: `/2/users/${DAN}/tweets`, responses: xAnswer(danTweetsPage1, xHeaders(1498, 1500)) });
  server.route({
    path: `/2/users/${DAN}/tweets`,
    query: { pagination_token: NEXT_TWEETS },
    responses: xAnswer(danTweetsPage2, xHeaders(1497, 1500)),
  });
  server.route({ path: `/2/users/${DAN}/mentions`, responses: xAnswer(danMentions, xHeaders(448, 450)) });
  server.route({
    path: `/2/tweets/${T_EDITED}/liking_users`,
    responses: xAnswer({ data: [adaUser, zedUser], meta: { result_count: 2 } }, xHeaders(74, 75)),
  });
}
