import type { Signal } from '@handshake/sdk';
import { describe, expect, it } from 'vitest';
import { tweetSignals } from './tweet-signals.js';
import { twitterIdentity } from './twitter-identity.js';
import { XApiIncludes } from './x-api-includes.js';
import { xApiTweetSignals } from './x-api-tweet-signals.js';

const DAN = '1456789012345678901';
const CAROL = '1456789012345678902';
const EVE = '1456789012345678903';
const ADA = '2244994945';
const ADA_TWEET = '1800999999999999990';
const CAROL_TWEET = '1800999999999999991';
const EVE_TWEET = '1800999999999999992';

const includes = new XApiIncludes({
  includes: {
    users: [
      { id: DAN, username: 'dan_example', name: 'Dan' },
      { id: CAROL, username: 'carol', name: 'Carol' },
      { id: EVE, username: 'eve', name: 'Eve' },
      { id: ADA, username: 'ada', name: 'Ada' },
    ],
    tweets: [
      { id: ADA_TWEET, author_id: ADA, text: 'Try the tutorial first.' },
      { id: CAROL_TWEET, author_id: CAROL, text: 'A warm intro is earned & never asked cold' },
      { id: EVE_TWEET, author_id: EVE, text: 'Write the docs first.' },
    ],
  },
});

/** The same tweet as the archive writes it and as the API answers it. */
interface Pair {
  readonly name: string;
  readonly archive: Record<string, unknown>;
  readonly api: Record<string, unknown>;
  readonly kinds: readonly string[];
}

const pairs: readonly Pair[] = [
  {
    name: 'a reply that names a hashtag, another account and a personal site',
    archive: {
      id_str: '1801000000000000001',
      created_at: 'Sun Jun 09 05:00:00 +0000 2024',
      full_text: '@ada Shipping #rust docs with @carol &amp; friends https://t.co/dOcS000001',
      in_reply_to_status_id_str: ADA_TWEET,
      in_reply_to_user_id_str: ADA,
      in_reply_to_screen_name: 'ada',
      entities: {
        hashtags: [{ text: 'rust', indices: ['14', '19'] }],
        user_mentions: [
          { screen_name: 'ada', name: 'Ada', id_str: ADA, indices: ['0', '4'] },
          { screen_name: 'carol', name: 'Carol', id_str: CAROL, indices: ['30', '36'] },
        ],
        urls: [{ url: 'https://t.co/dOcS000001', expanded_url: 'https://dan.example/blog/docs', display_url: 'dan.example/blog/docs' }],
      },
    },
    api: {
      id: '1801000000000000001',
      edit_history_tweet_ids: ['1801000000000000001'],
      created_at: '2024-06-09T05:00:00.000Z',
      author_id: DAN,
      text: '@ada Shipping #rust docs with @carol &amp; friends https://t.co/dOcS000001',
      in_reply_to_user_id: ADA,
      referenced_tweets: [{ type: 'replied_to', id: ADA_TWEET }],
      entities: {
        hashtags: [{ start: 14, end: 19, tag: 'rust' }],
        mentions: [
          { start: 0, end: 4, username: 'ada', id: ADA },
          { start: 30, end: 36, username: 'carol', id: CAROL },
        ],
        urls: [
          {
            start: 51,
            end: 74,
            url: 'https://t.co/dOcS000001',
            expanded_url: 'https://dan.example/blog/docs',
            display_url: 'dan.example/blog/docs',
          },
        ],
      },
    },
    kinds: ['post', 'reply', 'mention', 'link'],
  },
  {
    name: 'a retweet',
    archive: {
      id_str: '1801000000000000003',
      created_at: 'Tue Jun 11 07:00:00 +0000 2024',
      full_text: 'RT @carol: A warm intro is earned &amp; never asked cold',
      entities: { hashtags: [], user_mentions: [{ screen_name: 'carol', name: 'Carol', id_str: CAROL, indices: ['3', '9'] }], urls: [] },
    },
    api: {
      id: '1801000000000000003',
      edit_history_tweet_ids: ['1801000000000000003'],
      created_at: '2024-06-11T07:00:00.000Z',
      author_id: DAN,
      text: 'RT @carol: A warm intro is earned &amp; never asked cold',
      referenced_tweets: [{ type: 'retweeted', id: CAROL_TWEET }],
      entities: { mentions: [{ start: 3, end: 9, username: 'carol', id: CAROL }] },
    },
    kinds: ['share'],
  },
  {
    name: 'a quote of an account the tweet names, edited once',
    archive: {
      id_str: '1801000000000000009',
      created_at: 'Wed Jun 12 08:00:00 +0000 2024',
      full_text: 'This, @eve https://t.co/qUoTe00001',
      edit_info: { edit: { initialTweetId: '1801000000000000008', editControlInitial: {} } },
      entities: {
        hashtags: [],
        user_mentions: [{ screen_name: 'eve', name: 'Eve', id_str: EVE, indices: ['6', '10'] }],
        urls: [
          {
            url: 'https://t.co/qUoTe00001',
            expanded_url: `https://twitter.com/eve/status/${EVE_TWEET}`,
            display_url: 'twitter.com/eve/status/1…',
          },
        ],
      },
    },
    api: {
      id: '1801000000000000009',
      edit_history_tweet_ids: ['1801000000000000008', '1801000000000000009'],
      created_at: '2024-06-12T08:00:00.000Z',
      author_id: DAN,
      text: 'This, @eve https://t.co/qUoTe00001',
      referenced_tweets: [{ type: 'quoted', id: EVE_TWEET }],
      entities: {
        mentions: [{ start: 6, end: 10, username: 'eve', id: EVE }],
        urls: [
          {
            start: 11,
            end: 34,
            url: 'https://t.co/qUoTe00001',
            expanded_url: `https://twitter.com/eve/status/${EVE_TWEET}`,
            display_url: 'twitter.com/eve/status/1…',
          },
        ],
      },
    },
    kinds: ['post', 'mention', 'share'],
  },
];

/** Signals without `rawAt`: each source keeps its own text of the time, and that is all that may differ. */
function comparable(signals: readonly Signal[]): Omit<Signal, 'rawAt'>[] {
  return signals.map(({ rawAt: _rawAt, ...signal }) => signal);
}

describe('one tweet, from the archive and from the X API', () => {
  for (const pair of pairs) {
    it(`gives the same signals and ids: ${pair.name}`, () => {
      const fromArchive = tweetSignals({ tweet: pair.archive }, { owner: twitterIdentity(DAN), ownerHandle: 'dan_example' });
      const fromApi = xApiTweetSignals(pair.api, { includes });
      if (!fromArchive.ok || !fromApi.ok) throw new Error('both forms must map');
      expect(fromApi.tweet.signals.map((signal) => signal.kind)).toEqual(pair.kinds);
      expect(comparable(fromApi.tweet.signals)).toEqual(comparable(fromArchive.tweet.signals));
      expect(fromApi.tweet.signals[0]?.at).toMatch(/^2024-06-\d\dT\d\d:00:00Z$/);
    });
  }

  it('classifies by referenced_tweets alone: a status link that is no quote is only a link', () => {
    const mapped = xApiTweetSignals(
      {
        id: '1801000000000000010',
        created_at: '2024-06-13T08:00:00.000Z',
        author_id: DAN,
        text: 'Saw this https://t.co/lInK000001',
        entities: { urls: [{ url: 'https://t.co/lInK000001', expanded_url: `https://twitter.com/eve/status/${EVE_TWEET}` }] },
      },
      { includes },
    );
    expect(mapped.ok && mapped.tweet.signals.map((signal) => signal.kind)).toEqual(['post']);
  });
});
