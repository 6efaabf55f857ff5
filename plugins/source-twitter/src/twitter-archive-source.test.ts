import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIdentityReport, checkSignal, type Logger, type Rejection, type Signal, type SourceBatch } from '@handshake/sdk';
import { crawlPlan, type ExportFiles, temporaryFolder, writeFolder, writeTarGz, writeZip } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { TwitterArchiveSource } from './twitter-archive-source.js';

const silent: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
  child: () => silent,
};

/** Above 2^53: survives only as a string. */
const OWNER = '1462630141060401672';
const DAN = '783214';
const BEA = '9007199254740993';
const CY = '1590591138323344046';
const FAY = '17001903';
const GENERATED = '2023-08-20T11:06:14.174Z';

/** A data file as the 2023 archives write it: two-space indent, `"key" : value`, no final newline. */
function ytd(global: string, elements: readonly (object | string)[]): string {
  const items = elements.map((element) =>
    typeof element === 'string'
      ? element
      : JSON.stringify(element, null, 2)
          .replace(/^( *"[^"]*"): /gm, '$1 : ')
          .replace(/\n/g, '\n  '),
  );
  return items.length === 0 ? `window.YTD.${global}.part0 = [ ]` : `window.YTD.${global}.part0 = [\n  ${items.join(',\n  ')}\n]`;
}

function mention(screenName: string, id: string, name = screenName) {
  return { name, screen_name: screenName, indices: ['0', String(screenName.length + 1)], id_str: id, id };
}

function tweet(fields: Record<string, unknown>) {
  const { mentions = [], urls = [], hashtags = [], ...rest } = fields as { mentions?: unknown[]; urls?: unknown[]; hashtags?: string[] };
  return {
    tweet: {
      retweeted: false,
      source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
      entities: {
        hashtags: hashtags.map((text) => ({ text, indices: ['0', '5'] })),
        symbols: [],
        user_mentions: mentions,
        urls,
      },
      display_text_range: ['0', '40'],
      favorite_count: '0',
      truncated: false,
      retweet_count: '0',
      favorited: false,
      lang: 'en',
      ...rest,
    },
  };
}

function link(expanded: string) {
  return {
    url: 'https://t.co/AbCdEf1234',
    expanded_url: expanded,
    display_url: expanded.replace(/^https?:\/\//, ''),
    indices: ['10', '33'],
  };
}

const MALFORMED = '{\n    "tweet" : { "id_str" : "1680000000000000009", oops }\n  }';

const tweets = ytd('tweets', [
  tweet({
    id_str: '1692884599941711662',
    id: '1692884599941711662',
    created_at: 'Sat Aug 19 10:57:40 +0000 2023',
    full_text: 'New post on #rust &amp; friends https://t.co/AbCdEf1234',
    hashtags: ['rust'],
    urls: [link('https://dan.example/blog/post')],
  }),
  tweet({
    id_str: '1691892625785158319',
    id: '1691892625785158319',
    created_at: 'Wed Aug 16 13:12:23 +0000 2023',
    full_text: '@dan @bea_big agreed',
    mentions: [mention('dan', DAN, 'Dan Example'), mention('bea_big', BEA, 'Bea')],
    in_reply_to_status_id_str: '1691000000000000000',
    in_reply_to_status_id: '1691000000000000000',
    in_reply_to_user_id_str: DAN,
    in_reply_to_user_id: DAN,
    in_reply_to_screen_name: 'dan',
  }),
  tweet({
    id_str: '1691828793715465771',
    id: '1691828793715465771',
    created_at: 'Wed Aug 16 13:12:23 +0000 2023',
    full_text: '@cy and one more thing',
    mentions: [mention('cy', CY)],
    in_reply_to_status_id_str: '1691703510896000705',
    in_reply_to_user_id_str: OWNER,
    in_reply_to_screen_name: 'adalovelace',
  }),
  MALFORMED,
  tweet({
    id_str: '1689699492960130488',
    id: '1689699492960130488',
    created_at: 'Thu Aug 10 12:30:33 +0000 2023',
    full_text: 'RT @bea_big: the workshop starts at nine tomorrow, see https://t.co/AbCdEf1234 …',
    mentions: [mention('bea_big', BEA, 'Bea')],
  }),
  tweet({
    id_str: '1689382197940102887',
    id: '1689382197940102887',
    created_at: 'Wed Aug 09 16:19:22 +0000 2023',
    full_text: 'this, @fay, and that https://t.co/AbCdEf1234 https://t.co/AbCdEf1235',
    mentions: [mention('fay', FAY, 'Fay')],
    urls: [link('https://x.com/Fay/status/1680000000000000001'), link('https://twitter.com/evequote/status/1680000000000000002')],
  }),
  tweet({ created_at: 'Wed Aug 09 16:19:22 +0000 2023', full_text: 'no id' }),
  tweet({ id_str: '1689366215933922333', created_at: 'Thu Feb 30 10:00:00 +0000 2023', full_text: 'no such day' }),
  tweet({
    id_str: '1689000000000000002',
    created_at: 'Tue Aug 08 10:00:00 +0000 2023',
    full_text: 'edited, second version',
    edit_info: {
      edit: { initialTweetId: '1689000000000000001', editControlInitial: { editTweetIds: ['1689000000000000001', '1689000000000000002'] } },
    },
  }),
  tweet({
    id_str: '1689000000000000001',
    created_at: 'Tue Aug 08 09:58:00 +0000 2023',
    full_text: 'edited, first version',
    edit_info: { initial: { editTweetIds: ['1689000000000000001', '1689000000000000002'], editableUntil: '2023-08-08T10:58:00.000Z' } },
  }),
]);

/** The second part of tweets: an @-reply to an account rather than a status. */
const tweetsPart1 = ytd('tweets', [
  tweet({
    id_str: '1600000000000000001',
    created_at: 'Tue Nov 01 23:30:00 -0500 2022',
    full_text: '@dan are you coming?',
    in_reply_to_user_id_str: DAN,
    in_reply_to_user_id: DAN,
    in_reply_to_screen_name: 'dan',
  }),
]).replace('tweets.part0', 'tweets.part1');

/** The 2021 file, Jackson style: one tweet also in tweets.js, one only here. */
const oldTweets = `window.YTD.tweet.part0 = [ {
  "tweet" : {
    "retweeted" : false,
    "entities" : {
      "hashtags" : [ ],
      "symbols" : [ ],
      "user_mentions" : [ ],
      "urls" : [ ]
    },
    "id_str" : "1692884599941711662",
    "id" : "1692884599941711662",
    "created_at" : "Sat Aug 19 10:57:40 +0000 2023",
    "full_text" : "the older copy of this tweet"
  }
}, {
  "tweet" : {
    "retweeted" : false,
    "entities" : {
      "hashtags" : [ ],
      "symbols" : [ ],
      "user_mentions" : [ {
        "name" : "Dan Example",
        "screen_name" : "dan_old",
        "indices" : [ "0", "8" ],
        "id_str" : "${DAN}",
        "id" : "${DAN}"
      } ],
      "urls" : [ ]
    },
    "id_str" : "826330397444201696",
    "id" : "826330397444201696",
    "created_at" : "Tue Jan 31 09:01:52 +0000 2017",
    "full_text" : "hello @dan_old"
  }
} ]`;

function conversation(conversationId: string, messages: readonly object[]) {
  return { dmConversation: { conversationId, messages } };
}

function message(id: string, senderId: string, recipientId: string | undefined, createdAt: string, extra: object = {}) {
  return {
    messageCreate: {
      ...(recipientId ? { recipientId } : {}),
      reactions: [],
      urls: [],
      text: 'hello',
      mediaUrls: [],
      senderId,
      id,
      createdAt,
      ...extra,
    },
  };
}

const spamMembers = Array.from({ length: 49 }, (_, index) => String(1_000_000 + index));

const files: ExportFiles = {
  'Your archive.html': '<html></html>',
  'data/manifest.js': `window.__THAR_CONFIG = ${JSON.stringify(
    {
      userInfo: { accountId: OWNER, userName: 'adalovelace', displayName: 'Ada Lovelace' },
      archiveInfo: { sizeBytes: '100475405', generationDate: GENERATED, isPartialArchive: false, maxPartSizeBytes: '53687091200' },
      readmeInfo: { fileName: 'data/README.txt' },
      dataTypes: {
        account: { files: [{ fileName: 'data/account.js', globalName: 'YTD.account.part0', count: '1' }] },
        tweets: {
          mediaDirectory: 'data/tweets_media',
          files: [
            { fileName: 'data/tweets.js', globalName: 'YTD.tweets.part0', count: '10' },
            { fileName: 'data/tweets-part1.js', globalName: 'YTD.tweets.part1', count: '1' },
          ],
        },
        like: { files: [{ fileName: 'data/like.js', globalName: 'YTD.like.part0', count: '4' }] },
        follower: { files: [{ fileName: 'data/follower.js', globalName: 'YTD.follower.part0', count: '2' }] },
        following: { files: [{ fileName: 'data/following.js', globalName: 'YTD.following.part0', count: '2' }] },
        block: { files: [{ fileName: 'data/block.js', globalName: 'YTD.block.part0', count: '0' }] },
        mute: { files: [{ fileName: 'data/mute.js', globalName: 'YTD.mute.part0', count: '1' }] },
        directMessages: { files: [{ fileName: 'data/direct-messages.js', globalName: 'YTD.direct_messages.part0', count: '1' }] },
        directMessageHeaders: {
          files: [{ fileName: 'data/direct-message-headers.js', globalName: 'YTD.direct_message_headers.part0', count: '1' }],
        },
        directMessagesGroup: {
          files: [{ fileName: 'data/direct-messages-group.js', globalName: 'YTD.direct_messages_group.part0', count: '2' }],
        },
        adImpressions: { files: [{ fileName: 'data/ad-impressions.js', globalName: 'YTD.ad_impressions.part0', count: '0' }] },
      },
    },
    null,
    2,
  ).replace(/": /g, '" : ')}`,
  'data/account.js': ytd('account', [
    {
      account: {
        email: null,
        createdVia: 'web',
        username: 'adalovelace',
        accountId: OWNER,
        createdAt: '2015-03-30T10:38:02.103Z',
        accountDisplayName: 'Ada Lovelace',
      },
    },
  ]),
  'data/profile.js': ytd('profile', [{ profile: { description: { bio: 'engines', website: 'https://ada.example/about', location: '' } } }]),
  'data/tweets.js': tweets,
  'data/tweets-part1.js': tweetsPart1,
  'data/tweet.js': `${oldTweets}\n`,
  'data/like.js': ytd('like', [
    {
      like: {
        tweetId: '1691892625785158319',
        fullText: '@dan @bea_big agreed',
        expandedUrl: 'https://twitter.com/i/web/status/1691892625785158319',
      },
    },
    {
      like: {
        tweetId: '1680000000000000001',
        fullText: 'a quoted thought',
        expandedUrl: 'https://twitter.com/i/web/status/1680000000000000001',
      },
    },
    { like: { tweetId: '1691000000000000000', expandedUrl: 'https://twitter.com/i/web/status/1691000000000000000' } },
    { like: { tweetId: '1111', fullText: '@someone liked', expandedUrl: 'https://twitter.com/i/web/status/1111' } },
  ]),
  'data/follower.js': ytd('follower', [
    { follower: { accountId: DAN, userLink: `https://twitter.com/intent/user?user_id=${DAN}` } },
    { follower: { accountId: BEA, userLink: `https://twitter.com/intent/user?user_id=${BEA}` } },
  ]),
  'data/following.js': ytd('following', [
    { following: { accountId: DAN, userLink: `https://twitter.com/intent/user?user_id=${DAN}` } },
    { following: { accountId: CY, userLink: `https://twitter.com/intent/user?user_id=${CY}` } },
  ]),
  'data/block.js': ytd('block', []),
  'data/mute.js': `${ytd('mute', [{ muting: { accountId: '12974681', userLink: 'https://twitter.com/intent/user?user_id=12974681' } }])}\n`,
  'data/direct-messages.js': ytd('direct_messages', [
    conversation(`${DAN}-${OWNER}`, [
      message('1700000000000000003', OWNER, DAN, '2023-08-01T10:00:00.000Z', {
        reactions: [{ senderId: DAN, reactionKey: 'like', eventId: '1700000000000000004', createdAt: '2023-08-01T10:05:00.000Z' }],
        urls: [{ url: 'https://t.co/x', expanded: 'https://dan.example/talk', display: 'dan.example/talk' }],
      }),
      message('1700000000000000002', DAN, OWNER, '2023-08-01T09:00:00.000Z'),
    ]),
  ]),
  'data/direct-message-headers.js': ytd('direct_message_headers', [
    conversation(`${DAN}-${OWNER}`, [
      { messageCreate: { id: '1700000000000000003', senderId: OWNER, recipientId: DAN, createdAt: '2023-08-01T10:00:00.000Z' } },
      { messageCreate: { id: '1700000000000000002', senderId: DAN, recipientId: OWNER, createdAt: '2023-08-01T09:00:00.000Z' } },
      { messageCreate: { id: '1700000000000000001', senderId: DAN, recipientId: OWNER, createdAt: '2023-07-31T09:00:00.000Z' } },
    ]),
  ]),
  'data/direct-messages-group.js': ytd('direct_messages_group', [
    conversation('1710000000000000000', [
      message('1710000000000000003', OWNER, undefined, '2023-08-02T10:00:00.000Z'),
      message('1710000000000000002', CY, undefined, '2023-08-02T09:00:00.000Z'),
      { joinConversation: { initiatingUserId: CY, participantsSnapshot: [OWNER, DAN, CY], createdAt: '2023-08-02T08:00:00.000Z' } },
    ]),
    conversation('1592448874939781591', [
      message('1592490853731416964', spamMembers[0] as string, undefined, '2022-11-15T09:18:17.736Z'),
      {
        joinConversation: {
          initiatingUserId: spamMembers[0],
          participantsSnapshot: [...spamMembers, OWNER],
          createdAt: '2022-11-15T09:18:16.933Z',
        },
      },
    ]),
  ]),
};

interface Collected {
  readonly batches: SourceBatch[];
  readonly signals: Signal[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly cursor: string | undefined;
}

async function read(options: Record<string, unknown>, cursor?: string, abort?: AbortSignal): Promise<Collected> {
  const source = new TwitterArchiveSource(silent);
  const batches: SourceBatch[] = [];
  for await (const batch of source.read({
    sourceId: 'my-twitter',
    options: source.options.parse(options),
    cursor,
    abort: abort ?? new AbortController().signal,
    plan: crawlPlan(),
  })) {
    batches.push(batch);
  }
  return {
    batches,
    signals: batches.flatMap((batch) => [...batch.signals]),
    rejected: batches.flatMap((batch) => [...(batch.rejected ?? [])]),
    skipped: batches.flatMap((batch) => [...(batch.skipped ?? [])]),
    cursor: batches.at(-1)?.cursor ?? cursor,
  };
}

/** `kind actor>subject`, with the owner as `me`: what a user would read off the ledger. */
function summary(signals: readonly Signal[]): string[] {
  const name = (id: string) => ({ [OWNER]: 'me', [DAN]: 'dan', [BEA]: 'bea', [CY]: 'cy', [FAY]: 'fay' })[id] ?? id;
  return signals.map((signal) => `${signal.kind} ${name(signal.actor.id)}>${name(signal.subject.id)} ${signal.id}`).sort();
}

function byId(signals: readonly Signal[], id: string): Signal | undefined {
  return signals.find((signal) => signal.id === id);
}

async function zipOf(contents: ExportFiles = files): Promise<string> {
  return writeZip(join(await temporaryFolder(), 'twitter-2023-08-20.zip'), contents);
}

describe('twitter-archive source', () => {
  it('turns every relationship fact of an archive into signals, the same from a zip and a folder', async () => {
    const zipped = await read({ path: await zipOf() });
    const folder = await read({ path: await writeFolder(await temporaryFolder(), files) });
    expect(summary(zipped.signals)).toEqual([
      'follow bea>me twitter:follow:9007199254740993>1462630141060401672',
      'follow dan>me twitter:follow:783214>1462630141060401672',
      'follow me>cy twitter:follow:1462630141060401672>1590591138323344046',
      'follow me>dan twitter:follow:1462630141060401672>783214',
      'like dan>me twitter:dm:1700000000000000003#reaction:783214:like',
      'like me>dan twitter:1691000000000000000#like:1462630141060401672',
      'like me>fay twitter:1680000000000000001#like:1462630141060401672',
      'like me>me twitter:1691892625785158319#like:1462630141060401672',
      'link me>https://dan.example twitter:1692884599941711662#link:https://dan.example',
      'mention me>bea twitter:1691892625785158319#mention:9007199254740993',
      'mention me>cy twitter:1691828793715465771#mention:1590591138323344046',
      'mention me>dan twitter:826330397444201696#mention:783214',
      'mention me>fay twitter:1689382197940102887#mention:17001903',
      'message cy>dan twitter:dm:1710000000000000002#to:783214',
      'message cy>me twitter:dm:1710000000000000002#to:1462630141060401672',
      'message dan>me twitter:dm:1700000000000000001',
      'message dan>me twitter:dm:1700000000000000002',
      'message me>cy twitter:dm:1710000000000000003#to:1590591138323344046',
      'message me>dan twitter:dm:1700000000000000003',
      'message me>dan twitter:dm:1710000000000000003#to:783214',
      'mute me>12974681 twitter:mute:1462630141060401672>12974681',
      'post me>me twitter:1600000000000000001',
      'post me>me twitter:1689000000000000001',
      'post me>me twitter:1689382197940102887',
      'post me>me twitter:1691828793715465771',
      'post me>me twitter:1691892625785158319',
      'post me>me twitter:1692884599941711662',
      'post me>me twitter:826330397444201696',
      'reply me>dan twitter:1600000000000000001#reply',
      'reply me>dan twitter:1691892625785158319#reply',
      'share me>bea twitter:1689699492960130488',
      'share me>fay twitter:1689382197940102887#quote:1680000000000000001',
    ]);
    const strip = (collected: Collected) => ({
      signals: collected.signals,
      identities: collected.batches.flatMap((batch) => batch.identities ?? []),
      rejected: collected.rejected.map((rejection) => ({ ...rejection, where: rejection.where.replace(/^.*!/, '') })),
      skipped: collected.skipped.map((skip) => ({ ...skip, where: skip.where.replace(/^.*!/, '') })),
    });
    expect(strip(folder)).toEqual(strip(zipped));
    // The host stores only what passes its checks: all of it does, unchanged.
    expect(zipped.signals.map((signal) => checkSignal(signal)).filter((check) => !check.ok)).toEqual([]);
    expect(
      zipped.signals.filter((signal) => checkSignal(signal).ok && (checkSignal(signal) as { signal: Signal }).signal.at !== signal.at),
    ).toEqual([]);
    expect(strip(zipped).identities.filter((identity) => !checkIdentityReport(identity).ok)).toEqual([]);
  });

  it('keeps what a post says: UTC time with the raw text, topics, expanded links, its URL', async () => {
    const { signals } = await read({ path: await zipOf() });
    expect(byId(signals, 'twitter:1692884599941711662')).toEqual({
      id: 'twitter:1692884599941711662',
      network: 'twitter',
      kind: 'post',
      actor: { network: 'twitter', id: OWNER },
      subject: { network: 'twitter', id: OWNER },
      at: '2023-08-19T10:57:40Z',
      rawAt: 'Sat Aug 19 10:57:40 +0000 2023',
      object: {
        url: 'https://twitter.com/adalovelace/status/1692884599941711662',
        text: 'New post on #rust & friends https://t.co/AbCdEf1234',
        topics: ['rust'],
        links: ['https://dan.example/blog/post'],
      },
    });
    expect(byId(signals, 'twitter:1692884599941711662#link:https://dan.example')?.subject).toEqual({
      network: 'web',
      id: 'https://dan.example',
    });
    expect(byId(signals, 'twitter:1600000000000000001#reply')).toMatchObject({
      at: '2022-11-02T04:30:00Z',
      rawAt: 'Tue Nov 01 23:30:00 -0500 2022',
    });
  });

  it('reads tweet.js beside tweets.js once per tweet id, the newer file winning', async () => {
    const { signals } = await read({ path: await zipOf() });
    const copies = signals.filter((signal) => signal.id.startsWith('twitter:1692884599941711662'));
    expect(copies.map((signal) => signal.kind).sort()).toEqual(['link', 'post']);
    expect(byId(signals, 'twitter:1692884599941711662')?.object?.text).toContain('New post');
    expect(byId(signals, 'twitter:826330397444201696')?.at).toBe('2017-01-31T09:01:52Z');
  });

  it('counts an edited tweet once, under its first id, with its last text', async () => {
    const { signals } = await read({ path: await zipOf() });
    const edited = signals.filter((signal) => signal.id.startsWith('twitter:168900000000000000'));
    expect(edited).toHaveLength(1);
    expect(edited[0]?.object).toMatchObject({
      text: 'edited, second version',
      url: 'https://twitter.com/adalovelace/status/1689000000000000002',
    });
  });

  it('tells retweets, self-replies, @-replies and quotes apart', async () => {
    const { signals, skipped } = await read({ path: await zipOf() });
    // The retweet is a share of its author's work, not the owner's post, and no mention.
    expect(signals.filter((signal) => signal.id.startsWith('twitter:1689699492960130488')).map((signal) => signal.kind)).toEqual(['share']);
    expect(byId(signals, 'twitter:1689699492960130488')?.subject.id).toBe(BEA);
    // A reply in the owner's own thread is no reply to anyone, but the people it names are still mentioned.
    expect(byId(signals, 'twitter:1691828793715465771#reply')).toBeUndefined();
    expect(byId(signals, 'twitter:1691828793715465771#mention:1590591138323344046')).toBeDefined();
    // The replied-to account is not mentioned a second time.
    expect(byId(signals, 'twitter:1691892625785158319#mention:783214')).toBeUndefined();
    expect(byId(signals, 'twitter:1600000000000000001#reply')?.subject.id).toBe(DAN);
    // A quote counts only when the tweet gives the quoted account's id; a handle alone is no key.
    expect(byId(signals, 'twitter:1689382197940102887#quote:1680000000000000001')).toMatchObject({
      kind: 'share',
      subject: { network: 'twitter', id: FAY },
      object: { url: 'https://x.com/Fay/status/1680000000000000001' },
    });
    expect(skipped.map((skip) => skip.reason)).toContain(
      'quote 1689382197940102887 of https://twitter.com/evequote/status/1680000000000000002: the archive gives no account id for @evequote',
    );
  });

  it('keeps ids above 2^53 exactly', async () => {
    const { signals, batches } = await read({ path: await zipOf() });
    expect(signals.some((signal) => signal.actor.id === BEA && signal.kind === 'follow')).toBe(true);
    expect(batches.flatMap((batch) => batch.identities ?? []).find((identity) => identity.id === BEA)).toMatchObject({
      handle: '@bea_big',
    });
    expect(signals.every((signal) => signal.actor.id !== '9007199254740992')).toBe(true);
  });

  it('reports the owner as the user, and the handles the tweets show', async () => {
    const { batches } = await read({ path: await zipOf() });
    const identities = batches.flatMap((batch) => batch.identities ?? []);
    expect(identities[0]).toEqual({
      network: 'twitter',
      id: OWNER,
      owner: true,
      handle: '@adalovelace',
      displayName: 'Ada Lovelace',
      url: `https://twitter.com/intent/user?user_id=${OWNER}`,
      links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'same-site' }],
    });
    // Dan is named @dan in 2023 and @dan_old in 2017: the newest handle is the one that stays.
    expect(identities.filter((identity) => identity.id === DAN).map((identity) => identity.handle)).toEqual(['@dan']);
    expect(identities.find((identity) => identity.id === DAN)).toMatchObject({ displayName: 'Dan Example' });
  });

  it('dates records without a time at the archive generation, never the import clock', async () => {
    const { signals } = await read({ path: await zipOf() });
    const timeless = signals.filter(
      (signal) => ['follow', 'mute'].includes(signal.kind) || (signal.kind === 'like' && !signal.id.includes(':dm:')),
    );
    expect(timeless).toHaveLength(8);
    expect(new Set(timeless.map((signal) => signal.at))).toEqual(new Set([GENERATED]));
  });

  it('names the author of a like only when the archive shows it, and skips the rest', async () => {
    const { signals, skipped } = await read({ path: await zipOf() });
    expect(byId(signals, `twitter:1680000000000000001#like:${OWNER}`)).toMatchObject({
      subject: { network: 'twitter', id: FAY },
      object: { url: 'https://twitter.com/i/web/status/1680000000000000001', text: 'a quoted thought' },
    });
    expect(skipped).toContainEqual({
      where: expect.stringMatching(/!data\/like\.js \(element 3, line \d+\)$/),
      reason: 'like of tweet 1111: the archive does not say who wrote it',
    });
  });

  it('counts messages one to one and in small groups apart, and skips a 50-person group', async () => {
    const { signals, skipped } = await read({ path: await zipOf() });
    expect(byId(signals, 'twitter:dm:1700000000000000003')).toEqual({
      id: 'twitter:dm:1700000000000000003',
      network: 'twitter',
      kind: 'message',
      actor: { network: 'twitter', id: OWNER },
      subject: { network: 'twitter', id: DAN },
      at: '2023-08-01T10:00:00.000Z',
      object: { participants: 2, links: ['https://dan.example/talk'] },
    });
    expect(byId(signals, 'twitter:dm:1710000000000000002#to:783214')?.object).toEqual({ participants: 3 });
    // The header file adds only the message the full file lacks.
    expect(signals.filter((signal) => signal.id.startsWith('twitter:dm:17000000000000000')).length).toBe(4);
    expect(signals.some((signal) => signal.id.includes('1592490853731416964'))).toBe(false);
    expect(skipped).toContainEqual({
      where: expect.stringMatching(/!data\/direct-messages-group\.js \(element 1, line \d+\)$/),
      reason: 'group conversation 1592448874939781591 has 50 participants, more than maxGroupSize 10: its 1 message is not counted',
    });
  });

  it('counts a large group when maxGroupSize allows it', async () => {
    const { signals } = await read({ path: await zipOf(), maxGroupSize: 60 });
    const spam = signals.filter((signal) => signal.id.startsWith('twitter:dm:1592490853731416964'));
    expect(spam).toHaveLength(49);
    expect(spam[0]?.object?.participants).toBe(50);
  });

  it('rejects bad records with their place and reads the rest', async () => {
    const path = await zipOf();
    const { rejected } = await read({ path });
    const line = tweets.slice(0, tweets.indexOf(MALFORMED)).split('\n').length;
    expect(rejected).toEqual([
      { where: `${path}!data/tweets.js (element 3, line ${line})`, reason: expect.stringMatching(/^not valid JSON/) },
      { where: expect.stringMatching(/!data\/tweets\.js \(element 6, line \d+\)$/), reason: 'expected an id_str of digits, received null' },
      {
        where: expect.stringMatching(/!data\/tweets\.js \(element 7, line \d+\)$/),
        reason:
          'tweet 1689366215933922333: expected created_at such as "Sat Aug 12 16:10:37 +0000 2023", received "Thu Feb 30 10:00:00 +0000 2023"',
      },
    ]);
  });

  it('rejects a file that ends early after reading what it held, and goes on', async () => {
    const truncated = { ...files, 'data/follower.js': (files['data/follower.js'] as string).slice(0, -20) };
    const { signals, rejected } = await read({ path: await zipOf(truncated) });
    expect(rejected.at(-1)).toEqual({
      where: expect.stringMatching(/!data\/follower\.js$/),
      reason: expect.stringContaining('the array ends early, after 1 element'),
    });
    expect(signals.filter((signal) => signal.kind === 'follow' && signal.subject.id === OWNER).map((signal) => signal.actor.id)).toEqual([
      DAN,
    ]);
    expect(signals.some((signal) => signal.kind === 'message')).toBe(true);
  });

  it('reports a file the manifest lists but the export lacks', async () => {
    const { 'data/mute.js': _mute, ...withoutMute } = files;
    const { rejected } = await read({ path: await zipOf(withoutMute) });
    expect(rejected).toContainEqual({
      where: expect.stringMatching(/!data\/manifest\.js$/),
      reason: 'lists data/mute.js (mute), which the export does not hold',
    });
  });

  it('finds files by name without a manifest, and dates timeless records at the newest file', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'twitter-archive/data/tweets.js': tweets,
      'twitter-archive/data/tweets-part1.js': tweetsPart1,
      'twitter-archive/data/follower.js': files['data/follower.js'] as string,
      'twitter-archive/assets/js/tweets.js': 'not data',
    });
    const newest = new Date('2023-08-21T08:00:00.000Z');
    await utimes(join(folder, 'twitter-archive/data/tweets.js'), new Date('2023-08-01T00:00:00Z'), new Date('2023-08-01T00:00:00Z'));
    await utimes(join(folder, 'twitter-archive/data/follower.js'), newest, newest);
    await utimes(join(folder, 'twitter-archive/data/tweets-part1.js'), new Date('2023-08-01T00:00:00Z'), new Date('2023-08-01T00:00:00Z'));
    const { signals, batches } = await read({ path: folder });
    // No account.js: the owner is the placeholder the ledger links to me.
    expect(batches[0]?.identities?.[0]).toEqual({ network: 'twitter', id: '~owner', owner: true });
    expect(byId(signals, 'twitter:1600000000000000001')?.actor.id).toBe('~owner');
    expect(byId(signals, 'twitter:1689000000000000001')?.object?.url).toBe('https://twitter.com/i/web/status/1689000000000000002');
    expect(signals.filter((signal) => signal.kind === 'follow').map((signal) => signal.at)).toEqual([
      newest.toISOString(),
      newest.toISOString(),
    ]);
  });

  it('yields nothing for an export it has read, and reads a changed one again', async () => {
    const path = await zipOf();
    const first = await read({ path });
    const again = await read({ path }, first.cursor);
    expect(again.batches).toEqual([]);
    const changed = await zipOf({ ...files, 'data/mute.js': ytd('mute', [{ muting: { accountId: '42', userLink: '' } }]) });
    const changedRead = await read({ path: changed }, first.cursor);
    expect(changedRead.signals.some((signal) => signal.id === `twitter:mute:${OWNER}>42`)).toBe(true);
    const otherOptions = await read({ path, maxGroupSize: 60 }, first.cursor);
    expect(otherOptions.signals.length).toBeGreaterThan(first.signals.length);
  });

  it('cuts batches of about 2,000 signals, reports progress in bytes, and resumes after the last committed batch', async () => {
    const followers = Array.from({ length: 4500 }, (_, index) => ({ follower: { accountId: String(5_000_000 + index), userLink: '' } }));
    const big = { ...files, 'data/follower.js': ytd('follower', followers) };
    const path = await zipOf(big);
    const whole = await read({ path });
    expect(whole.batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of whole.batches.slice(0, -1)) expect(batch.signals.length).toBeGreaterThanOrEqual(2000);
    for (const batch of whole.batches) expect(batch.signals.length).toBeLessThan(2100);
    const progress = whole.batches.map((batch) => batch.progress?.done ?? -1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const total = whole.batches[0]?.progress?.total ?? 0;
    expect(whole.batches.at(-1)?.progress).toEqual({ done: total, total, unit: 'bytes' });

    // A run killed after its first commit: the next run yields exactly the rest.
    const resumed = await read({ path }, whole.batches[0]?.cursor);
    expect(resumed.batches).toHaveLength(whole.batches.length - 1);
    expect([...(whole.batches[0]?.signals ?? []), ...resumed.signals]).toEqual(whole.signals);
    expect(resumed.cursor).toBe(whole.cursor);
  });

  it('stops between batches when the run is aborted, without marking the export read', async () => {
    const followers = Array.from({ length: 4500 }, (_, index) => ({ follower: { accountId: String(5_000_000 + index), userLink: '' } }));
    const path = await zipOf({ ...files, 'data/follower.js': ytd('follower', followers) });
    const controller = new AbortController();
    const source = new TwitterArchiveSource(silent);
    const seen: SourceBatch[] = [];
    for await (const batch of source.read({
      sourceId: 'x',
      options: source.options.parse({ path }),
      cursor: undefined,
      abort: controller.signal,
      plan: crawlPlan(),
    })) {
      seen.push(batch);
      controller.abort();
    }
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]?.cursor ?? '{}')).toMatchObject({ batches: 1 });
  });

  it('throws an error naming the file when the archive cannot be read', async () => {
    const folder = await temporaryFolder();
    await expect(read({ path: join(folder, 'missing.zip') })).rejects.toThrow(
      `cannot open ${join(folder, 'missing.zip')}: no such file or folder`,
    );
    const broken = join(folder, 'broken.zip');
    await writeFile(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]));
    await expect(read({ path: broken })).rejects.toThrow(broken);
    const empty = await writeFolder(join(folder, 'photos'), { 'holiday.jpg': 'jpeg' });
    await expect(read({ path: empty })).rejects.toThrow(`cannot read ${empty} as a Twitter archive`);
  });

  it('reads a .tar.gz, deleted and 2019-style tweets, and messages that lack a recipient or a sender', async () => {
    const path = await writeTarGz(join(await temporaryFolder(), 'twitter.tar.gz'), {
      'data/account.js': files['data/account.js'] as string,
      'data/deleted-tweets.js': ytd('deleted_tweets', [
        tweet({
          id_str: '1500000000000000001',
          created_at: 'Mon Mar 07 10:00:00 +0000 2022',
          deleted_at: 'Mon Mar 07 11:00:00 +0000 2022',
          full_text: '@cy oops',
          in_reply_to_user_id_str: CY,
        }),
      ]),
      'data/tweet.js': `window.YTD.tweet.part0 = [ ${JSON.stringify({ id_str: '1100000000000000001', created_at: 'Wed Feb 27 07:39:38 +0000 2019', full_text: 'bare', entities: {} })} ]`,
      'data/direct-messages.js': ytd('direct_messages', [
        conversation(`${DAN}-${OWNER}`, [
          message('1700000000000000010', DAN, undefined, '2023-08-01T10:00:00.000Z'),
          message('1700000000000000011', '', OWNER, '2023-08-01T10:00:00.000Z'),
          message('1700000000000000012', DAN, OWNER, 'yesterday'),
        ]),
      ]),
      'data/tweets_media/photo.jpg': 'jpeg',
    });
    const { signals, rejected } = await read({ path });
    expect(summary(signals)).toEqual([
      'message dan>me twitter:dm:1700000000000000010',
      'post me>me twitter:1100000000000000001',
      'post me>me twitter:1500000000000000001',
      'reply me>cy twitter:1500000000000000001#reply',
    ]);
    expect(rejected).toEqual([
      {
        where: `${path}!data/direct-messages.js (element 0, line 2, message 1)`,
        reason: 'message 1700000000000000011: senderId is missing',
      },
      {
        where: `${path}!data/direct-messages.js (element 0, line 2, message 2)`,
        reason: 'message 1700000000000000012: expected createdAt such as "2023-08-12T17:10:37.000Z", received "yesterday"',
      },
    ]);
  });

  it('refuses options it does not know', () => {
    const source = new TwitterArchiveSource(silent);
    expect(source.options.safeParse({ path: './x.zip', maxGroupSize: 1 }).success).toBe(false);
    expect(source.options.safeParse({ path: './x.zip', pth: 'typo' }).success).toBe(false);
    expect(source.options.parse({ path: './x.zip' })).toEqual({ path: './x.zip', maxGroupSize: 10 });
  });
});
