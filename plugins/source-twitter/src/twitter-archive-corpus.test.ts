import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkIdentityReport, checkSignal, type Logger, type Rejection, type Signal, type SourceBatch } from '@handshake/sdk';
import { crawlPlan } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { TwitterArchiveSource } from './twitter-archive-source.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repositoryRoot, '..', 'shared', 'corpus', 'exports', 'twitter');
const present = existsSync(corpus);

const silent: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
  child: () => silent,
};

interface Run {
  readonly signals: Signal[];
  readonly batches: SourceBatch[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
}

async function run(archive: string): Promise<Run> {
  const source = new TwitterArchiveSource(silent);
  const batches: SourceBatch[] = [];
  const options = source.options.parse({ path: join(corpus, archive) });
  for await (const batch of source.read({
    sourceId: 'corpus',
    options,
    cursor: undefined,
    abort: new AbortController().signal,
    plan: crawlPlan(),
  })) {
    batches.push(batch);
  }
  return {
    batches,
    signals: batches.flatMap((batch) => [...batch.signals]),
    rejected: batches.flatMap((batch) => [...(batch.rejected ?? [])]),
    skipped: batches.flatMap((batch) => [...(batch.skipped ?? [])]),
  };
}

interface RawTweet {
  readonly id_str: string;
  readonly full_text: string;
  readonly in_reply_to_user_id_str?: string;
  readonly entities: {
    readonly user_mentions: readonly { readonly id_str: string }[];
    readonly urls: readonly { readonly expanded_url: string }[];
  };
}

interface RawConversation {
  readonly messages: readonly { readonly messageCreate: { readonly id: string } }[];
}

/** The elements of a data file, read whole: the corpus files are small, and this counts apart from the plugin. */
async function elements<T = unknown>(archive: string, file: string): Promise<T[]> {
  const path = join(corpus, archive, 'data', file);
  if (!existsSync(path)) return [];
  const text = await readFile(path, 'utf8');
  return JSON.parse(text.slice(text.indexOf('=') + 1)) as T[];
}

/** What the tweets hold, counted straight from the file: posts, retweets, replies to others, mentions, quoted status links. */
async function tweetFacts(archive: string, owner: string | undefined) {
  const seen = new Set<string>();
  const facts = { posts: 0, retweets: 0, replies: 0, mentions: 0, quotes: 0 };
  for (const file of ['tweets.js', 'tweet.js']) {
    for (const { tweet } of await elements<{ tweet: RawTweet }>(archive, file)) {
      if (seen.has(tweet.id_str)) continue;
      seen.add(tweet.id_str);
      if (tweet.full_text.startsWith('RT @')) {
        facts.retweets++;
        continue;
      }
      facts.posts++;
      const replyTo = tweet.in_reply_to_user_id_str;
      const repliesToOther = replyTo !== undefined && replyTo !== owner;
      if (repliesToOther) facts.replies++;
      const mentioned = new Set(tweet.entities.user_mentions.map((mention) => mention.id_str));
      mentioned.delete(owner as string);
      if (repliesToOther) mentioned.delete(replyTo);
      facts.mentions += mentioned.size;
      facts.quotes += tweet.entities.urls.filter((url) => /^https:\/\/(twitter|x)\.com\/\w+\/status\/\d+/.test(url.expanded_url)).length;
    }
  }
  return facts;
}

function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.filter(test).length;
}

describe.skipIf(!present)('twitter-archive over the real anonymized archives in ../shared/corpus', () => {
  it.each(['archive-2023-08', 'archive-2022-11', 'archive-2021-03'])(
    '%s: every record becomes signals or is skipped with a reason, none rejected',
    async (archive) => {
      const { signals, rejected, skipped, batches } = await run(archive);
      expect(rejected).toEqual([]);
      // What the host checks before it stores anything: every signal and identity passes.
      expect(signals.map((signal) => checkSignal(signal)).filter((check) => !check.ok)).toEqual([]);
      expect(batches.flatMap((batch) => batch.identities ?? []).filter((identity) => !checkIdentityReport(identity).ok)).toEqual([]);
      expect(skipped.every((skip) => skip.where.includes(`${archive}!data/`) && skip.reason.length > 0)).toBe(true);
      expect(new Set(signals.map((signal) => signal.id)).size).toBe(signals.length);
      expect(batches.at(-1)?.progress?.done).toBe(batches.at(-1)?.progress?.total);

      const account = (await elements<{ account: { accountId: string } }>(archive, 'account.js'))[0]?.account;
      const owner: string = account?.accountId ?? '~owner';
      expect(batches[0]?.identities?.[0]).toMatchObject({ network: 'twitter', id: owner, owner: true });

      const followers = await elements(archive, 'follower.js');
      const following = await elements(archive, 'following.js');
      expect(count(signals, (s) => s.kind === 'follow' && s.subject.id === owner)).toBe(followers.length);
      expect(count(signals, (s) => s.kind === 'follow' && s.actor.id === owner)).toBe(following.length);
      expect(count(signals, (s) => s.kind === 'block')).toBe((await elements(archive, 'block.js')).length);
      expect(count(signals, (s) => s.kind === 'mute')).toBe((await elements(archive, 'mute.js')).length);

      const likes = await elements(archive, 'like.js');
      const likeSignals = count(signals, (s) => s.kind === 'like' && !s.id.includes(':dm:'));
      expect(likeSignals + count(skipped, (s) => s.where.includes('like.js'))).toBe(likes.length);

      const facts = await tweetFacts(archive, account?.accountId);
      expect(count(signals, (s) => s.kind === 'post')).toBe(facts.posts);
      expect(
        count(signals, (s) => s.kind === 'share' && !s.id.includes('#quote:')) + count(skipped, (s) => s.reason.startsWith('retweet ')),
      ).toBe(facts.retweets);
      expect(count(signals, (s) => s.kind === 'reply')).toBe(facts.replies);
      expect(count(signals, (s) => s.kind === 'mention')).toBe(facts.mentions);
      expect(count(signals, (s) => s.id.includes('#quote:')) + count(skipped, (s) => s.reason.startsWith('quote '))).toBe(facts.quotes);

      const messageIds = new Set<string>();
      for (const file of ['direct-messages.js', 'direct-message-headers.js']) {
        for (const { dmConversation } of await elements<{ dmConversation: RawConversation }>(archive, file))
          for (const event of dmConversation.messages) messageIds.add(event.messageCreate.id);
      }
      expect(count(signals, (s) => s.kind === 'message' && s.object?.participants === 2)).toBe(messageIds.size);
    },
  );

  it('archive-2023-08: owner, dates and groups as the files give them', async () => {
    const { signals, skipped, batches } = await run('archive-2023-08');
    expect(batches[0]?.identities?.[0]).toEqual({
      network: 'twitter',
      id: '3038393723',
      owner: true,
      handle: '@cupcakemagnet',
      displayName: 'Ling Brandvold',
      url: 'https://twitter.com/intent/user?user_id=3038393723',
    });
    expect(new Set(signals.filter((s) => s.kind === 'follow').map((s) => s.at))).toEqual(new Set(['2023-08-20T11:06:14.174Z']));
    expect(signals.find((s) => s.id === 'twitter:dm:1258764518498108646')).toMatchObject({
      actor: { id: '1569138' },
      subject: { id: '3038393723' },
      at: '2020-05-08T15:43:16.110Z',
      object: { participants: 2 },
    });
    expect(signals.find((s) => s.kind === 'block' && s.subject.id === '1196863582429488466')).toBeDefined();
    // The spam group: one message to 51 accounts, skipped whole.
    expect(skipped.filter((s) => s.reason.startsWith('group conversation 1592448874939781591 has 51 participants'))).toHaveLength(1);
    expect(signals.some((s) => s.id.includes('1592490853731416964'))).toBe(false);
  });

  it('archive-2022-11: replies, self-replies and retweets checked by hand', async () => {
    const { signals } = await run('archive-2022-11');
    expect(signals.find((s) => s.id === 'twitter:1587994484033284058#reply')).toMatchObject({
      subject: { id: '177395501' },
      at: '2022-11-02T21:30:39Z',
      rawAt: 'Wed Nov 02 21:30:39 +0000 2022',
    });
    // A reply in the owner's own thread that still names someone.
    expect(signals.find((s) => s.id === 'twitter:1492166495727909809#reply')).toBeUndefined();
    expect(signals.find((s) => s.id === 'twitter:1492166495727909809#mention:197401105')).toBeDefined();
    expect(signals.find((s) => s.id === 'twitter:1471158345113422521')).toMatchObject({ kind: 'share', subject: { id: '3580117354' } });
    // The same account mentioned twice in one tweet counts once.
    expect(signals.filter((s) => s.id.startsWith('twitter:1381668020252425432#mention:'))).toHaveLength(1);
    // Liked tweets the owner replied to have a known author.
    expect(signals.find((s) => s.id === 'twitter:1587979782105665242#like:149523381')?.subject.id).toBe('177395501');
  });

  it('archive-2021-03: the old tweet.js, @-replies without a status, no owner id', async () => {
    const { signals } = await run('archive-2021-03');
    expect(signals.find((s) => s.id === 'twitter:806807348917514228#reply')).toMatchObject({
      actor: { id: '~owner' },
      subject: { id: '351138845' },
    });
    expect(signals.find((s) => s.id === 'twitter:844109027855251198')?.object?.text).toBe('@wildflower Tåget går hösten!');
    expect(signals.find((s) => s.id === 'twitter:1114050473451896513')?.object?.topics).toEqual([
      'pumpkin',
      'glow',
      'heart',
      'butterfly',
      '36rose',
      'carpet',
      'prairie',
    ]);
  });
});
