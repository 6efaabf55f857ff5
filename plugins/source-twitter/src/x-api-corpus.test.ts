import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkIdentityReport, ManualClock } from '@handshake/sdk';
import {
  advanceThroughWaits,
  FixtureServer,
  type LoadedTestPlugin,
  loadPluginModule,
  loadRecordedExchanges,
  type RecordedExchange,
  RecordingLogger,
  runSource,
} from '@handshake/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twitterSourceModule } from './index.js';
import { jsonArray, jsonObject } from './json-fields.js';
import { XApiIncludes } from './x-api-includes.js';
import { xApiTweetSignals } from './x-api-tweet-signals.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repositoryRoot, '..', 'shared', 'corpus', 'twitter');
const recordings = join(corpus, 'api-v2-recordings');
const postman = join(corpus, 'api-v2-postman-examples');
const present = existsSync(recordings) && existsSync(postman);

/** The account tweepy recorded (@Twitter). */
const TWITTER_ACCOUNT = '783214';

const server = new FixtureServer();
let plugin: LoadedTestPlugin;
let clock: ManualClock;
let logger: RecordingLogger;

beforeEach(async () => {
  await server.start();
  // Later than every recorded rate-limit reset, so no replayed budget holds a request back.
  clock = new ManualClock('2030-01-01T00:00:00Z');
  logger = new RecordingLogger();
  plugin = loadPluginModule(twitterSourceModule, { clock, logger });
});

afterEach(async () => {
  await plugin.dispose();
  await server.stop();
  server.reset();
});

async function replay(...files: string[]): Promise<RecordedExchange[]> {
  const exchanges: RecordedExchange[] = [];
  for (const file of files) exchanges.push(...(await loadRecordedExchanges(join(recordings, file))));
  // tweepy asked for default fields: the recordings are matched on their paths, whatever the source adds.
  server.replay(exchanges, { query: 'ignore' });
  return exchanges;
}

function recordedData(exchanges: readonly RecordedExchange[], path: string): unknown[] {
  const exchange = exchanges.find((candidate) => new URL(candidate.url).pathname === path);
  return [...jsonArray(jsonObject(JSON.parse(exchange?.body.toString('utf8') ?? '{}'))?.data)];
}

function source() {
  return plugin.source('x-api');
}

describe.skipIf(!present)(
  `x-api source over the recorded X API v2 (${present ? corpus : '../shared/corpus is absent on this machine'})`,
  () => {
    it('reads the recorded follow lists of @Twitter, looked up by username, into one follow per user', async () => {
      const exchanges = await replay('get_user.json', 'get_users_following.json', 'get_users_followers.json');
      const run = await runSource(
        source(),
        { baseUrl: server.url, bearerToken: 'recorded-token', accounts: ['@Twitter'], endpoints: ['following', 'followers'] },
        {},
      );
      const following = recordedData(exchanges, `/2/users/${TWITTER_ACCOUNT}/following`) as { id: string }[];
      const followers = recordedData(exchanges, `/2/users/${TWITTER_ACCOUNT}/followers`) as { id: string }[];
      expect(following).toHaveLength(35);
      expect(followers).toHaveLength(100);
      expect(run.rejected).toEqual([]);
      expect(run.signals).toHaveLength(following.length + followers.length);
      expect(run.signals[0]).toEqual({
        id: `twitter:follow:${TWITTER_ACCOUNT}>738118487122419712`,
        network: 'twitter',
        kind: 'follow',
        actor: { network: 'twitter', id: TWITTER_ACCOUNT },
        subject: { network: 'twitter', id: '738118487122419712' },
        // The lists carry no dates: the recorded Date header dates them.
        at: '2021-04-13T03:51:14Z',
      });
      expect(run.signals.filter((signal) => signal.subject.id === TWITTER_ACCOUNT).map((signal) => signal.actor.id)).toEqual(
        followers.map((user) => user.id),
      );
      // The followers recording names a next_token; its replay answers the same page, which the loop guard stops.
      expect(logger.withMessage('pagination stopped').map((line) => line.fields.reason)).toEqual(['no new items']);
      const identities = new Map(run.identities.map((identity) => [identity.id, identity]));
      expect(identities.get(TWITTER_ACCOUNT)).toMatchObject({ handle: '@Twitter', displayName: 'Twitter' });
      expect(identities.get('222680234')).toMatchObject({ handle: '@GoAwayWithJae', displayName: 'Jae-Ha Kim 김재하' });
      expect(run.identities.every((identity) => checkIdentityReport(identity).ok)).toBe(true);
    });

    it('rejects the recorded timeline tweets, which lack the fields the source asks for, each with its place', async () => {
      const exchanges = await replay('get_user.json', 'get_users_tweets.json', 'get_users_mentions.json');
      const run = await runSource(source(), {
        baseUrl: server.url,
        bearerToken: 'recorded-token',
        accounts: ['@Twitter'],
        endpoints: ['tweets', 'mentions'],
      });
      const tweets = recordedData(exchanges, `/2/users/${TWITTER_ACCOUNT}/tweets`) as { id: string }[];
      const mentions = recordedData(exchanges, `/2/users/${TWITTER_ACCOUNT}/mentions`) as { id: string }[];
      expect(run.signals).toEqual([]);
      expect(run.rejected).toHaveLength(tweets.length + mentions.length);
      expect(run.rejected[0]).toEqual({
        where: `${server.url}/2/users/${TWITTER_ACCOUNT}/tweets (page 1, item 0)`,
        reason: `tweet ${tweets[0]?.id}: created_at is missing (asked for with tweet.fields)`,
      });
      expect(run.rejected.at(-1)?.where).toBe(`${server.url}/2/users/${TWITTER_ACCOUNT}/mentions (page 1, item ${mentions.length - 1})`);
    });

    it('reads the recorded likers of a tweet as likes of its author', async () => {
      const exchanges = await replay('get_liking_users.json');
      const likers = recordedData(exchanges, '/2/tweets/1293593516040269825/liking_users') as { id: string }[];
      const cursor = JSON.stringify({
        accounts: { [TWITTER_ACCOUNT]: { profileAt: clock.now(), username: 'Twitter', latest: ['1293593516040269825'] } },
        usernames: {},
      });
      const run = await runSource(
        source(),
        { baseUrl: server.url, bearerToken: 'recorded-token', endpoints: ['likes'] },
        { plan: { targets: [{ network: 'twitter', id: TWITTER_ACCOUNT }] }, cursor },
      );
      expect(likers).toHaveLength(43);
      expect(run.signals).toHaveLength(43);
      expect(run.signals[0]).toMatchObject({
        id: `twitter:1293593516040269825#like:${likers[0]?.id}`,
        kind: 'like',
        subject: { network: 'twitter', id: TWITTER_ACCOUNT },
        object: { url: 'https://twitter.com/Twitter/status/1293593516040269825' },
      });
    });

    it('waits out the recorded text/plain 429 of a user lookup until its x-rate-limit-reset, then reads the profile', async () => {
      const limited = await loadRecordedExchanges(join(postman, 'user-by-id-429-rate-limit-exceeded.json'));
      const found = await loadRecordedExchanges(join(postman, 'user-by-id-user-by-id.json'));
      const [answer429] = limited;
      const [answer200] = found;
      if (!answer429 || !answer200) throw new Error('recordings hold one exchange each');
      expect(answer429.headers['content-type']).toBe('text/plain;charset=utf-8');
      expect(answer429.body.toString()).toBe('Rate limit exceeded\n');
      clock.set(Date.parse(String(answer429.headers.date)));
      server.route({
        path: '/2/users/:id/following',
        responses: { headers: { 'content-type': 'application/json' }, body: { meta: { result_count: 0 } } },
      });
      server.route({
        path: '/2/users/:id',
        responses: [
          { status: answer429.status, headers: answer429.headers, body: answer429.body },
          { status: answer200.status, headers: answer200.headers, body: answer200.body },
        ],
      });
      const reset = Number(answer429.headers['x-rate-limit-reset']) * 1000;
      const result = await advanceThroughWaits(
        runSource(
          source(),
          { baseUrl: server.url, bearerToken: 'recorded-token', endpoints: ['following'] },
          { plan: { targets: [{ network: 'twitter', id: '1273332037970202626' }] } },
        ),
        { clock, logger },
      );
      expect(result.error).toBeUndefined();
      expect(result.waits.reduce((sum, wait) => sum + wait, 0)).toBe(reset - Date.parse('Fri, 26 Jun 2020 15:34:56 GMT'));
      expect(result.value?.identities[0]).toMatchObject({ id: '1273332037970202626', handle: '@Clou18829992', displayName: 'Clou' });
    });

    it('skips an account the recorded 200 with only errors says is not found', async () => {
      const [notFound] = await loadRecordedExchanges(join(postman, 'user-by-id-200-success-user-not-found.json'));
      if (!notFound) throw new Error('the recording holds one exchange');
      server.route({ path: '/2/users/:id', responses: { status: notFound.status, headers: notFound.headers, body: notFound.body } });
      const run = await runSource(
        source(),
        { baseUrl: server.url, bearerToken: 'recorded-token' },
        { plan: { targets: [{ network: 'twitter', id: '2244994946' }] } },
      );
      expect(run.skipped).toEqual([
        {
          where: `${server.url}/2/users/2244994946`,
          reason: 'the profile of account 2244994946: X error: Not Found Error: Could not find user with id: [2244994946].',
        },
      ]);
      expect(run.signals).toEqual([]);
    });

    it('uses the data of a recorded 200 that also holds errors, and skips each error', async () => {
      const [partial] = await loadRecordedExchanges(join(postman, 'multiple-tweets-200-success-1-deleted-1-valid-tweet.json'));
      if (!partial) throw new Error('the recording holds one exchange');
      // The recording answers /2/tweets?ids=; its body has the shape of any page with a deleted object.
      server.route({
        path: '/2/users/:id',
        responses: { headers: { 'content-type': 'application/json' }, body: { data: { id: '12', username: 'jack' } } },
      });
      server.route({ path: '/2/users/:id/tweets', responses: { status: partial.status, headers: partial.headers, body: partial.body } });
      const run = await runSource(
        source(),
        { baseUrl: server.url, bearerToken: 'recorded-token', endpoints: ['tweets'] },
        { plan: { targets: [{ network: 'twitter', id: '12' }] } },
      );
      expect(run.rejected).toEqual([
        {
          where: `${server.url}/2/users/12/tweets (page 1, item 0)`,
          reason: 'tweet 20: created_at is missing (asked for with tweet.fields)',
        },
      ]);
      expect(run.skipped).toEqual([
        {
          where: `${server.url}/2/users/12/tweets (page 1)`,
          reason: 'Not Found Error: Could not find tweet with ids: [1276230436478386177].',
        },
      ]);
    });
  },
);

describe.skipIf(!present)(
  `X API v2 tweets of the Postman examples (${present ? postman : '../shared/corpus is absent on this machine'})`,
  () => {
    const files = present ? readdirSync(postman).filter((file) => file.endsWith('.json')) : [];

    it('maps every tweet of every example with its expansions, or rejects it for a missing field', async () => {
      let mapped = 0;
      for (const file of files) {
        const example = JSON.parse(await readFile(join(postman, file), 'utf8')) as { request: string; body: unknown };
        // Tweet lists only: `/2/tweets` lookups and recent search, not user lookups.
        if (!/\/2\/tweets(?:\?|\/search)/.test(example.request)) continue;
        const body = example.body;
        const includes = new XApiIncludes(body);
        for (const tweet of jsonArray(jsonObject(body)?.data)) {
          const fields = jsonObject(tweet) ?? {};
          const result = xApiTweetSignals(tweet, { includes });
          if (!result.ok) {
            expect(result.reason, `${file}: ${String(fields.id)}`).toMatch(/: (created_at|author_id) is missing/);
            continue;
          }
          mapped++;
          const references = jsonArray(fields.referenced_tweets).map((reference) => jsonObject(reference));
          const kinds = result.tweet.signals.map((signal) => signal.kind);
          if (references.some((reference) => reference?.type === 'retweeted')) {
            // A retweet shares the original and links the personal sites it carries; without includes its author is unknown here.
            expect(
              kinds.every((kind) => kind === 'share' || kind === 'link'),
              `${file}: ${String(fields.id)}`,
            ).toBe(true);
            if (kinds.length === 0) expect(result.tweet.skipped.join('\n')).toMatch(/X gives no author for it/);
          } else {
            expect(kinds[0], `${file}: ${String(fields.id)}`).toBe('post');
            const repliedTo = references.find((reference) => reference?.type === 'replied_to');
            const replyTo = typeof fields.in_reply_to_user_id === 'string' ? fields.in_reply_to_user_id : undefined;
            const replies = result.tweet.signals.filter((signal) => signal.kind === 'reply');
            if (repliedTo && replyTo === undefined) {
              // Not asked for in this example, and no includes: the reply is skipped, not guessed.
              expect(result.tweet.skipped.join('\n')).toMatch(/^reply \d+ to tweet \d+: X gives no author for it$/m);
              expect(replies).toEqual([]);
            } else {
              expect(replies.map((signal) => signal.subject.id)).toEqual(repliedTo && replyTo !== fields.author_id ? [replyTo] : []);
            }
          }
        }
      }
      expect(mapped).toBeGreaterThan(60);
    });

    it('joins the expanded users by username: a reply to @snowman that also mentions @happycamper', async () => {
      const example = JSON.parse(
        await readFile(join(postman, 'recent-search-200-success-request-tweet-fields-with-expanded-user-fields.json'), 'utf8'),
      ) as {
        body: { data: { id: string }[] };
      };
      const includes = new XApiIncludes(example.body);
      const tweet = example.body.data.find((candidate) => candidate.id === '1275763727908798470');
      const result = xApiTweetSignals(tweet, { includes });
      if (!result.ok) throw new Error(result.reason);
      expect(result.tweet.signals.map((signal) => [signal.id, signal.kind, signal.actor.id, signal.subject.id])).toEqual([
        ['twitter:1275763727908798470', 'post', '196883832', '196883832'],
        ['twitter:1275763727908798470#reply', 'reply', '196883832', '17200003'],
        ['twitter:1275763727908798470#mention:63046977', 'mention', '196883832', '63046977'],
      ]);
      // A reply within one's own thread is contact with no one.
      const selfReply = xApiTweetSignals(
        example.body.data.find((candidate) => candidate.id === '1275882613572583424'),
        { includes },
      );
      expect(selfReply.ok && selfReply.tweet.signals.map((signal) => signal.kind)).toEqual(['post']);
    });
  },
);
