import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StreamingZipWriter } from '@handshake/testing';

const OWNER_ID = '1462630141060401672';
const OWNER_HANDLE = 'benchmark_owner';
const GENERATED = '2023-08-20T11:06:14.174Z';
/** The time of every zip entry: a fixed one, so the same target gives the same zip. */
const ZIPPED_AT = new Date('2023-08-20T12:00:00Z');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WORDS = (
  'the a garden meeting notes shared folder coffee machine bridge river lunch library opens next week bakery sells great cinnamon rolls ' +
  'concert tickets weather pleasant morning we walked along slides ready review project schedule sunset hills lovely picnic lake ' +
  'learning piano slowly workshop starts nine tomorrow train few minutes late kids built castle boxes recipe dinner bike chain soon ' +
  'tåget går hösten wir kochen heute abend der kaffee schmeckt wirklich gut 🚀 🎉 😅 👀'
).split(' ');
const TOPICS = ['rust', 'typescript', 'databases', 'gardening', 'music', 'opensource', 'design', 'climate', 'cycling', 'books'];

/** How the uncompressed bytes are shared among the files, roughly as in a real heavy user's archive. */
const SHARES = { tweets: 0.8, follower: 0.03, following: 0.03, like: 0.03, directMessages: 0.08, directMessagesGroup: 0.03 } as const;

interface Person {
  readonly id: string;
  readonly handle: string;
  readonly name: string;
}

/** A small, seeded generator: the same target always gives the same archive. */
class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }

  words(count: number): string {
    return Array.from({ length: count }, () => this.pick(WORDS)).join(' ');
  }
}

/** Data as Twitter writes it: two-space indent, `"key" : value`, each element indented in the array. */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/^( *"[^"]*"): /gm, '$1 : ')
    .replace(/\n/g, '\n  ');
}

function tweetDate(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000 ${date.getUTCFullYear()}`;
}

/**
 * One data file, `window.YTD.<global>.part0 = [...]` without a final newline, whose elements come
 * from `element` until about `budget` bytes are written. Counts what it wrote into `counts`.
 */
function* dataFile(global: string, budget: number, counts: Map<string, number>, element: (index: number) => unknown): Generator<string> {
  let written = 0;
  let index = 0;
  let pending = `window.YTD.${global}.part0 = [`;
  while (written < budget) {
    const text = `${index === 0 ? '\n  ' : ',\n  '}${pretty(element(index))}`;
    pending += text;
    written += Buffer.byteLength(text);
    index++;
    // Hand over text in pieces of about 64 KiB: neither one write per element nor one for the file.
    if (pending.length >= 65_536) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}${index === 0 ? ' ]' : '\n]'}`;
  counts.set(global, index);
}

function mention(person: Person, at: number) {
  return {
    name: person.name,
    screen_name: person.handle,
    indices: [String(at), String(at + person.handle.length + 1)],
    id_str: person.id,
    id: person.id,
  };
}

function shortLink(random: Random, expanded: string, at: number) {
  const code = Array.from({ length: 10 }, () => 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[random.below(57)]).join('');
  return {
    url: `https://t.co/${code}`,
    expanded_url: expanded,
    display_url: expanded.replace(/^https?:\/\//, '').slice(0, 26),
    indices: [String(at), String(at + 23)],
  };
}

/**
 * Writes a synthetic Twitter archive (a zip) holding about `targetBytes` of data once unpacked,
 * mostly `tweets.js` (posts, replies, self-replies, retweets, quotes, mentions, hashtags, links,
 * edit info as in 2023 archives), plus followers, following, likes, and one-to-one and group
 * messages, with a manifest that lists them. The zip is deflated as Twitter's is, so it is several
 * times smaller than `targetBytes`. Returns the zip's path. The same target gives the same archive.
 */
export async function generateLargeExport(folder: string, targetBytes: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `twitter-synthetic-${targetBytes}.zip`);
  const random = new Random(20230820);
  const people: Person[] = Array.from({ length: 5000 }, (_, index) => ({
    id: index % 3 === 0 ? String(1_200_000_000_000_000_000n + BigInt(index) * 7_919_000_000_003n) : String(10_000 + index * 7_907),
    handle: `${random.pick(WORDS.filter((word) => /^[a-z]+$/.test(word)))}_${index}`,
    name: `${random.pick(['Ada', 'Dan', 'Mei', 'Ling', 'Doğan', 'Selma', 'Orla', 'Hector'])} ${random.pick(['Example', 'Blanchard', 'Tanaka', 'Fischer', 'Cabrera'])}`,
  }));
  const counts = new Map<string, number>();
  const ownTweets: string[] = [];
  let tweetId = 1_692_884_599_941_711_662n;
  let time = Date.parse('2023-08-19T10:57:40Z');

  const tweet = () => {
    tweetId -= BigInt(1 + random.below(9_000_000_000_000));
    time -= 60_000 + random.below(36_000_000);
    const id = String(tweetId);
    if (ownTweets.length < 10_000 && random.next() < 0.05) ownTweets.push(id);
    const roll = random.next();
    const person = random.pick(people);
    const other = random.pick(people);
    const hashtags = random.next() < 0.3 ? [{ text: random.pick(TOPICS), indices: ['40', '48'] }] : [];
    const mentions: unknown[] = [];
    const urls: unknown[] = [];
    const reply: Record<string, string> = {};
    let text = random.words(8 + random.below(30));
    if (roll < 0.1) {
      text = `RT @${person.handle}: ${text.slice(0, 100)}…`;
      mentions.push(mention(person, 3));
    } else if (roll < 0.45) {
      const self = random.next() < 0.1;
      const target = self ? { id: OWNER_ID, handle: OWNER_HANDLE } : person;
      Object.assign(reply, {
        in_reply_to_status_id_str: String(tweetId - 1_000_000n),
        in_reply_to_status_id: String(tweetId - 1_000_000n),
        in_reply_to_user_id_str: target.id,
        in_reply_to_user_id: target.id,
        in_reply_to_screen_name: target.handle,
      });
      if (!self) mentions.push(mention(person, 0));
      if (random.next() < 0.3) mentions.push(mention(other, person.handle.length + 2));
      text = `${mentions.map((item) => `@${(item as { screen_name: string }).screen_name}`).join(' ')} ${text}`;
    } else if (roll < 0.55) {
      urls.push(shortLink(random, `https://twitter.com/${person.handle}/status/${tweetId - 5_000_000_000n}`, 60));
      if (random.next() < 0.5) mentions.push(mention(person, 20));
    } else if (roll < 0.7) {
      urls.push(shortLink(random, `https://blog${random.below(400)}.example/posts/${random.below(100_000)}`, 60));
    } else if (roll < 0.8) {
      mentions.push(mention(person, 10));
      text = `${text} @${person.handle}`;
    }
    if (hashtags.length > 0) text = `${text} #${hashtags[0]?.text}`;
    return {
      tweet: {
        edit_info: {
          initial: {
            editTweetIds: [id],
            editableUntil: new Date(time + 3_600_000).toISOString(),
            editsRemaining: '5',
            isEditEligible: roll > 0.1,
          },
        },
        retweeted: false,
        source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        entities: { hashtags, symbols: [], user_mentions: mentions, urls },
        display_text_range: ['0', String(text.length)],
        favorite_count: String(random.below(50)),
        ...reply,
        id_str: id,
        truncated: false,
        retweet_count: String(random.below(10)),
        id,
        possibly_sensitive: false,
        created_at: tweetDate(time),
        favorited: false,
        full_text: text,
        lang: 'en',
      },
    };
  };

  let nextAccount = 3_000_000_000n;
  const account = (key: string) => () => {
    nextAccount += BigInt(1 + random.below(1_000_000_000));
    const id = random.next() < 0.4 ? String(nextAccount * 400_000_000n) : String(nextAccount);
    return { [key]: { accountId: id, userLink: `https://twitter.com/intent/user?user_id=${id}` } };
  };

  let messageId = 1_690_000_000_000_000_000n;
  const messages = (senders: readonly string[], count: number, group: boolean) => {
    let at = Date.parse('2023-08-18T12:00:00Z') - random.below(3_000_000_000_000) / 10;
    return Array.from({ length: count }, () => {
      messageId -= BigInt(1 + random.below(100_000_000_000));
      at -= random.below(86_400_000);
      const sender = random.pick(senders);
      const recipient = senders.find((id) => id !== sender) ?? OWNER_ID;
      return {
        messageCreate: {
          ...(group ? {} : { recipientId: recipient }),
          reactions:
            random.next() < 0.05
              ? [
                  {
                    senderId: recipient,
                    reactionKey: 'like',
                    eventId: String(messageId + 1n),
                    createdAt: new Date(at + 60_000).toISOString(),
                  },
                ]
              : [],
          urls: [],
          text: random.words(5 + random.below(40)),
          mediaUrls: [],
          senderId: sender,
          id: String(messageId),
          createdAt: new Date(at).toISOString(),
        },
      };
    });
  };
  const directMessage = () => {
    const person = random.pick(people);
    const [low, high] = BigInt(person.id) < BigInt(OWNER_ID) ? [person.id, OWNER_ID] : [OWNER_ID, person.id];
    return {
      dmConversation: { conversationId: `${low}-${high}`, messages: messages([OWNER_ID, person.id], 1 + random.below(120), false) },
    };
  };
  const groupMessage = (index: number) => {
    const size = index % 10 === 9 ? 50 : 3 + random.below(6);
    const members = [OWNER_ID, ...Array.from({ length: size - 1 }, () => random.pick(people).id)];
    messageId -= 1_000_000n;
    return {
      dmConversation: {
        conversationId: String(messageId),
        messages: [
          ...messages(members, 1 + random.below(60), true),
          { joinConversation: { initiatingUserId: members[1], participantsSnapshot: members, createdAt: '2019-01-01T00:00:00.000Z' } },
        ],
      },
    };
  };
  let likedTweet = 1_500_000_000_000_000_000n;
  // A tweet is liked once: a quarter of the likes go to the owner's own tweets, in turn, the rest to others'.
  const like = (index: number) => {
    const own = index % 4 === 0 && index / 4 < ownTweets.length ? ownTweets[index / 4] : undefined;
    likedTweet += BigInt(1 + random.below(1_000_000_000));
    const id = own ?? String(likedTweet);
    return { like: { tweetId: id, fullText: random.words(10 + random.below(20)), expandedUrl: `https://twitter.com/i/web/status/${id}` } };
  };

  const zip = await StreamingZipWriter.create(path, ZIPPED_AT);
  const files: { type: string; file: string; global: string }[] = [];
  let total = 0;
  const add = async (type: string, file: string, global: string, content: Iterable<string>) => {
    const counted = function* () {
      for (const piece of content) {
        total += Buffer.byteLength(piece);
        yield piece;
      }
    };
    await zip.addStream(`data/${file}`, counted());
    files.push({ type, file, global });
  };
  try {
    await zip.addStream('Your archive.html', ['<!DOCTYPE html><html><head><title>Your archive</title></head><body></body></html>']);
    await add('account', 'account.js', 'account', [
      `window.YTD.account.part0 = [\n  ${pretty({ account: { email: null, createdVia: 'web', username: OWNER_HANDLE, accountId: OWNER_ID, createdAt: '2015-03-30T10:38:02.103Z', accountDisplayName: 'Benchmark Owner' } })}\n]`,
    ]);
    await add('tweets', 'tweets.js', 'tweets', dataFile('tweets', targetBytes * SHARES.tweets, counts, tweet));
    await add('like', 'like.js', 'like', dataFile('like', targetBytes * SHARES.like, counts, like));
    await add('follower', 'follower.js', 'follower', dataFile('follower', targetBytes * SHARES.follower, counts, account('follower')));
    await add(
      'following',
      'following.js',
      'following',
      dataFile('following', targetBytes * SHARES.following, counts, account('following')),
    );
    await add(
      'directMessages',
      'direct-messages.js',
      'direct_messages',
      dataFile('direct_messages', targetBytes * SHARES.directMessages, counts, directMessage),
    );
    await add(
      'directMessagesGroup',
      'direct-messages-group.js',
      'direct_messages_group',
      dataFile('direct_messages_group', targetBytes * SHARES.directMessagesGroup, counts, groupMessage),
    );
    const dataTypes = Object.fromEntries(
      files.map(({ type, file, global }) => [
        type,
        { files: [{ fileName: `data/${file}`, globalName: `YTD.${global}.part0`, count: String(counts.get(global) ?? 1) }] },
      ]),
    );
    const manifest = {
      userInfo: { accountId: OWNER_ID, userName: OWNER_HANDLE, displayName: 'Benchmark Owner' },
      archiveInfo: { sizeBytes: String(total), generationDate: GENERATED, isPartialArchive: false, maxPartSizeBytes: '53687091200' },
      readmeInfo: { fileName: 'data/README.txt', directory: 'data/', name: 'README.txt' },
      dataTypes,
    };
    await zip.addStream('data/manifest.js', [
      `window.__THAR_CONFIG = ${JSON.stringify(manifest, null, 2).replace(/^( *"[^"]*"): /gm, '$1 : ')}`,
    ]);
  } finally {
    await zip.close();
  }
  return path;
}
