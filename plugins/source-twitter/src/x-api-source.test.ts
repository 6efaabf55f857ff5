import { ManualClock, type Signal, type SourceBatch, type SourceContribution } from '@handshake/sdk';
import {
  advanceThroughWaits,
  crawlPlan,
  FixtureServer,
  fixtureFaults,
  type LoadedTestPlugin,
  loadPluginModule,
  RecordingLogger,
  type RunSourceOptions,
  runSource,
} from '@handshake/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADA,
  CAROL,
  DAN,
  DELETED_TWEET,
  danTweetsPage1,
  EMPTY,
  EVE,
  EVE_TWEET,
  M_CAROL,
  M_STRANGER,
  NEXT_FOLLOWING,
  NEXT_TWEETS,
  NOW,
  routeWorld,
  T_EDITED,
  T_FIRST_EDIT,
  T_GONE,
  T_OLD,
  T_POST,
  T_QUOTE,
  T_REPLY,
  T_RETWEET,
  xAnswer,
  xHeaders,
  YAN,
  ZED,
} from './__fixtures__/x-api-fixtures.js';
import { twitterSourceModule } from './index.js';
import type { XApiCursor } from './x-api-cursor.js';

/** A bearer token no log line and no error may ever hold. */
const CANARY = 'AAAAAAAAAAAAAAAAAAAAAcanary%2Bbearer%3Dtoken0451';

const server = new FixtureServer();
let clock: ManualClock;
let logger: RecordingLogger;
let plugin: LoadedTestPlugin;
let source: SourceContribution;

beforeEach(async () => {
  await server.start();
  clock = new ManualClock(NOW);
  logger = new RecordingLogger();
  plugin = loadPluginModule(twitterSourceModule, { plugin: '@handshake/source-twitter', clock, logger });
  source = plugin.source('x-api');
});

afterEach(async () => {
  await plugin.dispose();
  await server.stop();
  server.reset();
});

const plan = { me: [{ network: 'twitter', id: ADA }], targets: [{ network: 'twitter', id: DAN }] };

function options(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { baseUrl: server.url, bearerToken: CANARY, accounts: ['@carol'], ...extra };
}

function cursorOf(text: string | undefined): XApiCursor {
  return JSON.parse(text ?? '{}') as XApiCursor;
}

function byId(signals: readonly Signal[]): Map<string, Signal> {
  return new Map(signals.map((signal) => [signal.id, signal]));
}

const twitter = (id: string) => ({ network: 'twitter', id });

/** Reads a source to its end or its failure, keeping every batch it yielded before failing. */
async function collect(run: RunSourceOptions & { options: Record<string, unknown> }): Promise<{ batches: SourceBatch[]; error?: unknown }> {
  const batches: SourceBatch[] = [];
  try {
    for await (const batch of source.read({
      sourceId: 'x',
      options: source.options.parse(run.options),
      cursor: run.cursor,
      abort: new AbortController().signal,
      plan: crawlPlan(run.plan),
    }))
      batches.push(batch);
  } catch (error) {
    return { batches, error };
  }
  return { batches };
}

describe('x-api source against X-shaped responses', () => {
  it('turns profiles, follow lists, timelines with expansions and likers into signals and identities', async () => {
    routeWorld(server);
    const run = await runSource(source, options({ likesOfLatestTweets: 2 }), { plan });
    const signals = byId(run.signals);
    const at = '2024-06-15T12:00:00Z';

    // Follow lists: both pages of Dan's following (the ids differ in the last digit only), and his followers.
    expect(signals.get(`twitter:follow:${DAN}>${CAROL}`)).toEqual({
      id: `twitter:follow:${DAN}>${CAROL}`,
      network: 'twitter',
      kind: 'follow',
      actor: twitter(DAN),
      subject: twitter(CAROL),
      at,
    });
    expect(signals.has(`twitter:follow:${DAN}>${EVE}`)).toBe(true);
    expect(signals.has(`twitter:follow:${DAN}>${ADA}`)).toBe(true);
    expect(signals.has(`twitter:follow:${ADA}>${DAN}`)).toBe(true);
    expect(signals.has(`twitter:follow:${ZED}>${DAN}`)).toBe(true);

    // A post with a hashtag, a mention and a link to Dan's own site.
    expect(signals.get(`twitter:${T_POST}`)).toEqual({
      id: `twitter:${T_POST}`,
      network: 'twitter',
      kind: 'post',
      actor: twitter(DAN),
      subject: twitter(DAN),
      at: '2024-06-09T05:00:00Z',
      rawAt: '2024-06-09T05:00:00.000Z',
      object: {
        url: `https://twitter.com/dan_example/status/${T_POST}`,
        text: 'Shipping #rust docs today with @carol https://t.co/dOcS000001',
        topics: ['rust'],
        links: ['https://dan.example/blog/docs'],
      },
    });
    expect(signals.get(`twitter:${T_POST}#mention:${CAROL}`)).toMatchObject({
      kind: 'mention',
      actor: twitter(DAN),
      subject: twitter(CAROL),
    });
    expect(signals.get(`twitter:${T_POST}#link:https://dan.example`)).toMatchObject({
      kind: 'link',
      subject: { network: 'web', id: 'https://dan.example' },
    });
    // A reply to Ada, whose id only includes.users gives (the mention names a username): no mention beside the reply.
    expect(signals.get(`twitter:${T_REPLY}#reply`)).toMatchObject({ kind: 'reply', actor: twitter(DAN), subject: twitter(ADA) });
    expect(signals.has(`twitter:${T_REPLY}#mention:${ADA}`)).toBe(false);
    // A retweet is a share of the original's author (joined from includes.tweets), and nothing else.
    expect(signals.get(`twitter:${T_RETWEET}`)).toMatchObject({
      kind: 'share',
      actor: twitter(DAN),
      subject: twitter(CAROL),
      object: { text: 'RT @carol: A warm intro is earned & never asked cold' },
    });
    expect([...signals.keys()].filter((id) => id.startsWith(`twitter:${T_RETWEET}#`))).toEqual([]);
    // A quote is a post and a share of the quoted author.
    expect(signals.get(`twitter:${T_QUOTE}#quote:${EVE_TWEET}`)).toMatchObject({
      kind: 'share',
      subject: twitter(EVE),
      object: { url: `https://twitter.com/eve/status/${EVE_TWEET}` },
    });
    expect(signals.get(`twitter:${T_QUOTE}`)?.kind).toBe('post');
    // The versions of an edited tweet are keyed by the first one.
    expect(signals.get(`twitter:${T_FIRST_EDIT}`)).toMatchObject({ kind: 'post', object: { text: 'Edited: docs are live' } });
    expect(signals.has(`twitter:${T_EDITED}`)).toBe(false);
    // The second page of the timeline.
    expect(signals.get(`twitter:${T_OLD}`)).toMatchObject({ kind: 'post', at: '2024-05-01T10:00:00Z' });
    expect(signals.has(`twitter:${T_GONE}`)).toBe(false);

    // Mentions: Carol (read) keeps her whole reply; the stranger only the mention of Dan.
    expect(signals.get(`twitter:${M_CAROL}`)).toMatchObject({ kind: 'post', actor: twitter(CAROL) });
    expect(signals.get(`twitter:${M_CAROL}#reply`)).toMatchObject({ kind: 'reply', actor: twitter(CAROL), subject: twitter(DAN) });
    expect(signals.get(`twitter:${M_STRANGER}#mention:${DAN}`)).toMatchObject({
      kind: 'mention',
      actor: twitter(ZED),
      subject: twitter(DAN),
    });
    expect([...signals.keys()].filter((id) => id.startsWith(`twitter:${M_STRANGER}`))).toEqual([`twitter:${M_STRANGER}#mention:${DAN}`]);

    // Likers of Dan's latest own tweets, with the archive's like ids.
    expect(signals.get(`twitter:${T_EDITED}#like:${ADA}`)).toEqual({
      id: `twitter:${T_EDITED}#like:${ADA}`,
      network: 'twitter',
      kind: 'like',
      actor: twitter(ADA),
      subject: twitter(DAN),
      at,
      object: { url: `https://twitter.com/dan_example/status/${T_EDITED}` },
    });
    expect(signals.has(`twitter:${T_EDITED}#like:${ZED}`)).toBe(true);

    expect(run.signals).toHaveLength(20);
    expect(run.rejected).toEqual([
      {
        where: `${server.url}/2/users/${DAN}/tweets (page 1, item 6)`,
        reason: 'expected a tweet id string of digits, received null',
      },
      {
        where: `${server.url}/2/users/${DAN}/tweets (page 1, item 7)`,
        reason: 'tweet 1800900000000000001: expected created_at such as "2023-08-12T16:10:37.000Z", received "2024-02-30T05:00:00.000Z"',
      },
    ]);
    expect(run.skipped).toEqual([
      {
        where: `${server.url}/2/users/${DAN}/tweets (page 1, item 1)`,
        reason: `mention of @ghost in tweet ${T_GONE}: X gives no account id for @ghost`,
      },
      {
        where: `${server.url}/2/users/${DAN}/tweets (page 1, item 1)`,
        reason: `retweet ${T_GONE} of tweet ${DELETED_TWEET}: X gives no author for it`,
      },
      {
        where: `${server.url}/2/users/${DAN}/tweets (page 1)`,
        reason: `Not Found Error: Could not find tweet with referenced_tweets.id: [${DELETED_TWEET}].`,
      },
    ]);
  });

  it('reports each account once: handle, name, counts, and a same-site link to a personal site only', async () => {
    routeWorld(server);
    const run = await runSource(source, options(), { plan });
    const identities = new Map(run.identities.map((identity) => [identity.id, identity]));
    expect(identities.get(DAN)).toEqual({
      network: 'twitter',
      id: DAN,
      url: `https://twitter.com/intent/user?user_id=${DAN}`,
      handle: '@dan_example',
      displayName: 'Dan Example',
      followingCount: 310,
      followersCount: 5400,
      links: [{ to: { network: 'web', id: 'https://dan.example' }, evidence: 'same-site' }],
    });
    // github.com is no one's personal site.
    expect(identities.get(CAROL)).toMatchObject({ handle: '@carol', followersCount: 900 });
    expect(identities.get(CAROL)?.links).toBeUndefined();
    expect(identities.get(ZED)).toMatchObject({ handle: '@zed', followingCount: 5000 });
    // Yan is only named in a stranger's tweet: nothing kept involves Yan.
    expect(identities.has(YAN)).toBe(false);
    expect(run.identities.filter((identity) => identity.id === DAN)).toHaveLength(1);
    expect(run.identities.every((identity) => !identity.owner)).toBe(true);
  });

  it('asks X for the fields and expansions it joins, with the bearer token, per account and endpoint', async () => {
    routeWorld(server);
    await runSource(source, options({ likesOfLatestTweets: 1 }), { plan });
    const paths = server.requests.map(
      (request) => `${request.path}${request.query.pagination_token ? ` @${request.query.pagination_token}` : ''}`,
    );
    expect(paths).toEqual([
      `/2/users/${ADA}`,
      `/2/users/${DAN}`,
      '/2/users/by/username/carol',
      `/2/users/${ADA}/following`,
      `/2/users/${ADA}/followers`,
      `/2/users/${ADA}/tweets`,
      `/2/users/${ADA}/mentions`,
      `/2/users/${DAN}/following`,
      `/2/users/${DAN}/following @${NEXT_FOLLOWING}`,
      `/2/users/${DAN}/followers`,
      `/2/users/${DAN}/tweets`,
      `/2/users/${DAN}/tweets @${NEXT_TWEETS}`,
      `/2/users/${DAN}/mentions`,
      `/2/tweets/${T_EDITED}/liking_users`,
      `/2/users/${CAROL}/following`,
      `/2/users/${CAROL}/followers`,
      `/2/users/${CAROL}/tweets`,
      `/2/users/${CAROL}/mentions`,
    ]);
    const userFields = 'created_at,description,entities,public_metrics,url,username,name';
    const tweets = server.requests.find((request) => request.path === `/2/users/${DAN}/tweets`);
    expect(tweets?.query).toEqual({
      max_results: '100',
      'tweet.fields': 'author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,entities',
      expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username,in_reply_to_user_id',
      'user.fields': userFields,
    });
    expect(server.requests.find((request) => request.path === `/2/users/${DAN}/followers`)?.query).toEqual({
      max_results: '1000',
      'user.fields': userFields,
    });
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
  });

  it('keeps the API positions in the cursor, and a second run asks only for what is new', async () => {
    routeWorld(server);
    const first = await runSource(source, options({ likesOfLatestTweets: 2 }), { plan });
    const cursor = cursorOf(first.cursor);
    expect(cursor.usernames).toEqual({ carol: CAROL });
    expect(cursor.accounts[DAN]).toEqual({
      profileAt: Date.parse(NOW),
      username: 'dan_example',
      following: { readAt: Date.parse(NOW) },
      followers: { readAt: Date.parse(NOW) },
      tweets: { sinceId: T_EDITED },
      mentions: { sinceId: M_CAROL },
      latest: [T_EDITED, T_QUOTE],
    });

    server.reset();
    routeWorld(server);
    const fresh = server.route({ path: `/2/users/${DAN}/tweets`, query: { since_id: T_EDITED }, responses: EMPTY });
    server.route({ path: `/2/users/${DAN}/mentions`, query: { since_id: M_CAROL }, responses: EMPTY });
    clock.advance(60 * 60_000);
    const second = await runSource(source, options({ likesOfLatestTweets: 2 }), { plan, cursor: first.cursor });
    // Profiles and follow lists are fresh for a day; the timelines ask since the newest tweet read; likers are read again.
    expect(server.requests.map((request) => request.path)).toEqual([
      `/2/users/${ADA}/tweets`,
      `/2/users/${ADA}/mentions`,
      `/2/users/${DAN}/tweets`,
      `/2/users/${DAN}/mentions`,
      `/2/tweets/${T_EDITED}/liking_users`,
      `/2/tweets/${T_QUOTE}/liking_users`,
      `/2/users/${CAROL}/tweets`,
      `/2/users/${CAROL}/mentions`,
    ]);
    expect(fresh.hits).toBe(1);
    expect(server.requests.find((request) => request.path === `/2/users/${DAN}/mentions`)?.query.since_id).toBe(M_CAROL);
    expect(second.signals.map((signal) => signal.id).sort()).toEqual([
      `twitter:${T_EDITED}#like:${ADA}`,
      `twitter:${T_EDITED}#like:${ZED}`,
    ]);

    clock.advance(24 * 60 * 60_000);
    server.reset();
    routeWorld(server);
    await runSource(source, options({ likesOfLatestTweets: 2, endpoints: ['following'] }), { plan, cursor: second.cursor });
    // A day later the profiles and follow lists are read again, from their first page.
    expect(server.requests.map((request) => request.path)).toContain(`/2/users/${DAN}/following`);
    expect(server.requests.map((request) => request.path)).toContain('/2/users/by/username/carol');
  });

  it('yields a batch per page, each with the cursor that follows it', async () => {
    routeWorld(server);
    const { batches } = await collect({
      options: options({ endpoints: ['tweets'], accounts: [] }),
      plan: { targets: [twitter(DAN)] },
      cursor: undefined,
    });
    const tweets = batches.map((batch) => cursorOf(batch.cursor).accounts[DAN]?.tweets);
    // The profile, page 1, page 2, and the last batch.
    expect(tweets).toEqual([undefined, { next: NEXT_TWEETS, newest: T_EDITED }, { sinceId: T_EDITED }, { sinceId: T_EDITED }]);
    expect(batches[1]?.signals.length).toBeGreaterThan(0);
    expect(batches[1]?.where?.(0)).toBe(`${server.url}/2/users/${DAN}/tweets (page 1, item 0)`);
    expect(batches[2]?.where?.(0)).toBe(`${server.url}/2/users/${DAN}/tweets?pagination_token=${NEXT_TWEETS} (page 2, item 0)`);
  });
});

describe('x-api source: X partial answers', () => {
  it('skips an account X cannot find, and a timeline it refuses, and reads the rest', async () => {
    server.route({
      path: '/2/users/by/username/nobody_here',
      responses: xAnswer({
        errors: [
          {
            value: 'nobody_here',
            detail: 'Could not find user with username: [nobody_here].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'username',
            resource_id: 'nobody_here',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      }),
    });
    server.route({
      path: `/2/users/${DAN}/tweets`,
      responses: xAnswer({
        errors: [
          {
            detail: `Sorry, you are not authorized to see the user with id: [${DAN}].`,
            title: 'Authorization Error',
            resource_type: 'user',
            parameter: 'id',
            value: DAN,
            type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
          },
        ],
      }),
    });
    routeWorld(server);
    const run = await runSource(source, options({ accounts: ['@nobody_here', '@carol'] }), { plan });
    expect(run.skipped).toEqual([
      {
        where: `${server.url}/2/users/by/username/nobody_here`,
        reason: 'the profile of @nobody_here: X error: Not Found Error: Could not find user with username: [nobody_here].',
      },
      {
        where: `${server.url}/2/users/${DAN}/tweets`,
        reason: `the tweets of @dan_example (${DAN}): X error: Authorization Error: Sorry, you are not authorized to see the user with id: [${DAN}].`,
      },
    ]);
    expect(run.signals.some((signal) => signal.id === `twitter:${M_CAROL}#reply`)).toBe(true);
    expect(cursorOf(run.cursor).accounts[DAN]?.tweets).toBeUndefined();
  });
});

describe('x-api source: faults', () => {
  it('waits out a 429 until its epoch reset on the clock, then reads the page', async () => {
    const reset = Date.parse(NOW) / 1000 + 600;
    server.route({
      path: `/2/users/${DAN}/tweets`,
      responses: [
        {
          status: 429,
          headers: { ...xHeaders(0, 1500), 'x-rate-limit-reset': String(reset) },
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        },
        xAnswer(danTweetsPage1, xHeaders(1499, 1500)),
      ],
    });
    routeWorld(server);
    const result = await advanceThroughWaits(runSource(source, options({ endpoints: ['tweets'] }), { plan: { targets: [twitter(DAN)] } }), {
      clock,
      logger,
    });
    expect(result.error).toBeUndefined();
    expect(result.waits.reduce((sum, wait) => sum + wait, 0)).toBe(600_000);
    expect(clock.now()).toBe(reset * 1000);
    expect(logger.withMessage('rate limit wait')[0]?.fields).toMatchObject({ waitMs: 600_000 });
    expect(result.value?.signals.some((signal) => signal.id === `twitter:${T_POST}`)).toBe(true);
  });

  it('waits out a 429 sent as text/plain ("Rate limit exceeded"), by its x-rate-limit-reset', async () => {
    const reset = Date.parse(NOW) / 1000 + 420;
    server.route({
      path: `/2/users/${DAN}/followers`,
      responses: [
        {
          status: 429,
          headers: {
            'content-type': 'text/plain;charset=utf-8',
            'x-rate-limit-limit': '15',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(reset),
          },
          body: 'Rate limit exceeded\n',
        },
        xAnswer({ data: [{ id: ZED, name: 'Zed', username: 'zed' }], meta: { result_count: 1 } }),
      ],
    });
    routeWorld(server);
    const result = await advanceThroughWaits(
      runSource(source, options({ endpoints: ['followers'] }), { plan: { targets: [twitter(DAN)] } }),
      {
        clock,
        logger,
      },
    );
    expect(result.waits.reduce((sum, wait) => sum + wait, 0)).toBe(420_000);
    expect(result.value?.signals.map((signal) => signal.id)).toEqual([`twitter:follow:${ZED}>${DAN}`]);
  });

  it('ends repeated 500s in an error naming the URL, keeps the cursor before the failed page, and resumes there', async () => {
    server.route({ path: `/2/users/${DAN}/tweets`, query: { pagination_token: NEXT_TWEETS }, responses: fixtureFaults.failing(10) });
    routeWorld(server);
    const failed = await advanceThroughWaits(collect({ options: options({ endpoints: ['tweets'] }), plan: { targets: [twitter(DAN)] } }), {
      clock,
      logger,
    });
    const { batches, error } = failed.value ?? { batches: [] };
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('XApiError');
    expect((error as Error).message).toMatch(
      new RegExp(
        `^cannot read the tweets of @dan_example \\(${DAN}\\): GET ${server.url}/2/users/${DAN}/tweets\\?.*pagination_token=${NEXT_TWEETS}.* failed after 4 attempts: HTTP 500 Internal Server Error`,
      ),
    );
    expect(failed.waits).toHaveLength(3);
    // Page 1 was yielded with the token of page 2, and no since_id yet: nothing after it counts as read.
    const last = batches.at(-1);
    expect(cursorOf(last?.cursor).accounts[DAN]?.tweets).toEqual({ next: NEXT_TWEETS, newest: T_EDITED });
    expect(batches.flatMap((batch) => batch.signals).some((signal) => signal.id === `twitter:${T_POST}`)).toBe(true);

    server.reset();
    routeWorld(server);
    const resumed = await runSource(source, options({ endpoints: ['tweets'] }), {
      plan: { targets: [twitter(DAN)] },
      cursor: last?.cursor,
    });
    const timeline = server.requests.filter((request) => request.path === `/2/users/${DAN}/tweets`);
    expect(timeline.map((request) => request.query.pagination_token)).toEqual([NEXT_TWEETS]);
    expect(resumed.signals.map((signal) => signal.id)).toEqual([`twitter:${T_OLD}`]);
    expect(cursorOf(resumed.cursor).accounts[DAN]?.tweets).toEqual({ sinceId: T_EDITED });
  });

  it('stops at a repeated next_token', async () => {
    const loop = xAnswer({ data: [{ id: EVE, name: 'Eve', username: 'eve' }], meta: { result_count: 1, next_token: 'SAME' } });
    server.route({
      path: `/2/users/${DAN}/following`,
      responses: xAnswer({ data: [{ id: CAROL, username: 'carol' }], meta: { result_count: 1, next_token: 'SAME' } }),
    });
    const again = server.route({ path: `/2/users/${DAN}/following`, query: { pagination_token: 'SAME' }, responses: loop });
    routeWorld(server);
    const run = await runSource(source, options({ endpoints: ['following'] }), { plan: { targets: [twitter(DAN)] } });
    expect(again.hits).toBe(1);
    expect(run.signals.map((signal) => signal.id)).toEqual([`twitter:follow:${DAN}>${CAROL}`, `twitter:follow:${DAN}>${EVE}`]);
    expect(logger.withMessage('pagination stopped')[0]?.fields).toMatchObject({ reason: 'repeated cursor' });
    expect(cursorOf(run.cursor).accounts[DAN]?.following).toEqual({ readAt: Date.parse(NOW) });
  });

  it('stops at an empty last page that still carries a next_token, and ends the pass', async () => {
    server.route({
      path: `/2/users/${DAN}/tweets`,
      query: { pagination_token: NEXT_TWEETS },
      responses: {
        ...fixtureFaults.emptyPageWithCursor({ items: 'data', cursorField: 'meta.next_token', cursor: 'AFTER_THE_END' }),
        headers: xHeaders(),
      },
    });
    routeWorld(server);
    const run = await runSource(source, options({ endpoints: ['tweets'] }), { plan: { targets: [twitter(DAN)] } });
    expect(server.requests.some((request) => request.query.pagination_token === 'AFTER_THE_END')).toBe(false);
    expect(logger.withMessage('pagination stopped')[0]?.fields).toMatchObject({ reason: 'empty page with a cursor' });
    expect(cursorOf(run.cursor).accounts[DAN]?.tweets).toEqual({ sinceId: T_EDITED });
  });

  it('keeps the next page of a list at the page limit, for the next run', async () => {
    routeWorld(server);
    const first = await runSource(source, options({ endpoints: ['following'], maxPages: 1 }), { plan: { targets: [twitter(DAN)] } });
    expect(cursorOf(first.cursor).accounts[DAN]?.following).toEqual({ next: NEXT_FOLLOWING });
    const second = await runSource(source, options({ endpoints: ['following'], maxPages: 1 }), {
      plan: { targets: [twitter(DAN)] },
      cursor: first.cursor,
    });
    expect(second.signals.map((signal) => signal.id)).toEqual([`twitter:follow:${DAN}>${ADA}`]);
    expect(cursorOf(second.cursor).accounts[DAN]?.following).toEqual({ readAt: Date.parse(NOW) });
  });

  it('names the access level when X answers 403 for an endpoint', async () => {
    server.route({
      path: `/2/users/${DAN}/followers`,
      responses: {
        status: 403,
        headers: xHeaders(),
        body: {
          title: 'Client Forbidden',
          detail: 'This request must be made using an approved developer account that is enrolled in the requested endpoint.',
          reason: 'client-not-enrolled',
          type: 'https://api.twitter.com/2/problems/client-forbidden',
        },
      },
    });
    routeWorld(server);
    const run = collect({ options: options({ endpoints: ['followers'] }), plan: { targets: [twitter(DAN)] } });
    const { error } = await run;
    expect((error as Error).message).toMatch(/HTTP 403 Forbidden.*client-not-enrolled.*leave it out of `endpoints`/);
  });

  it('never writes the bearer token in a log line or an error message', async () => {
    server.route({ path: `/2/users/${DAN}/mentions`, responses: fixtureFaults.failing(10, EMPTY, 503) });
    server.route({
      path: `/2/users/${CAROL}/tweets`,
      responses: { status: 401, headers: xHeaders(), body: { title: 'Unauthorized', detail: 'Unauthorized', status: 401 } },
    });
    routeWorld(server);
    const failed = await advanceThroughWaits(collect({ options: options(), plan }), { clock, logger });
    const error = failed.value?.error as Error;
    expect(error.message).toMatch(/mentions.*HTTP 503/);
    const unauthorized = await collect({ options: options({ endpoints: ['tweets'] }), plan: { targets: [] } });
    expect((unauthorized.error as Error).message).toMatch(/HTTP 401.*X refused the bearer token/);
    for (const message of [error.message, String(error.cause), (unauthorized.error as Error).message])
      expect(message).not.toContain(CANARY);
    const logged = logger.text();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(CANARY);
    expect(logged).not.toContain(decodeURIComponent(CANARY));
    expect(server.requests.some((request) => request.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
  });

  it('starts a list over when X no longer takes the stored pagination token', async () => {
    server.route({
      path: `/2/users/${DAN}/following`,
      query: { pagination_token: 'EXPIRED' },
      responses: {
        status: 400,
        headers: xHeaders(),
        body: {
          errors: [
            {
              parameters: { pagination_token: ['EXPIRED'] },
              message: 'The `pagination_token` query parameter value [EXPIRED] is not valid',
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      },
    });
    routeWorld(server);
    const cursor = JSON.stringify({ accounts: { [DAN]: { profileAt: Date.parse(NOW), following: { next: 'EXPIRED' } } }, usernames: {} });
    const run = await runSource(source, options({ endpoints: ['following'], accounts: [] }), { plan: { targets: [twitter(DAN)] }, cursor });
    expect(server.requests.map((request) => request.query.pagination_token)).toEqual(['EXPIRED', undefined, NEXT_FOLLOWING]);
    expect(run.signals).toHaveLength(3);
    expect(logger.withMessage('x refused the stored pagination token: reading the list from its first page')).toHaveLength(1);
  });

  it('stops between batches when the run is aborted', async () => {
    routeWorld(server);
    const abort = new AbortController();
    const batches: SourceBatch[] = [];
    for await (const batch of source.read({
      sourceId: 'x',
      options: source.options.parse(options({ accounts: [] })),
      cursor: undefined,
      abort: abort.signal,
      plan: crawlPlan({ targets: [twitter(DAN)] }),
    })) {
      batches.push(batch);
      if (batch.signals.length > 0) abort.abort();
    }
    expect(batches.map((batch) => batch.signals.length)).toEqual([0, 2]);
    expect(server.requests.map((request) => request.path)).toEqual([`/2/users/${DAN}`, `/2/users/${DAN}/following`]);
  });
});
