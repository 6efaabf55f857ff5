import {
  createHttpClient,
  type DisposableHttpClient,
  DisposableStore,
  type HttpClient,
  type IdentityRef,
  type IdentityReport,
  ManualClock,
  type PluginContext,
  type Rejection,
  type Signal,
  type SourceBatch,
  systemClock,
} from '@handshake/sdk';
import { advanceThroughWaits, crawlPlan, FixtureServer, RecordingLogger } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAccount, apiStatus } from '../__fixtures__/api-entities.js';
import { HOME_DOMAIN, mastodonWorld, TOKEN } from '../__fixtures__/api-world.js';
import { ANSWER_TIME, answer, answerHeaders } from '../__fixtures__/mastodon-list.js';
import { MastodonApiSource } from './mastodon-api-source.js';

const home = new FixtureServer();
const far = new FixtureServer();
let http: DisposableHttpClient;
let logger: RecordingLogger;

function context(client: HttpClient, clock = new ManualClock('2026-08-01T13:00:00Z')): PluginContext {
  return {
    plugin: '@handshake/source-mastodon',
    logger,
    clock,
    disposables: new DisposableStore(),
    secrets: { register: () => undefined },
    http: client,
  };
}

beforeAll(async () => {
  await Promise.all([home.start(), far.start()]);
  logger = new RecordingLogger();
  http = createHttpClient({ clock: systemClock, logger, maxAttempts: 2, baseBackoffMs: 1, maxBackoffMs: 1 });
});

afterEach(() => {
  home.reset();
  far.reset();
});

afterAll(async () => {
  await http.dispose();
  await Promise.all([home.stop(), far.stop()]);
});

interface Read {
  readonly batches: SourceBatch[];
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly cursor: string | undefined;
}

interface ReadOptions {
  readonly cursor?: string;
  readonly plan?: { me?: IdentityRef[]; targets?: IdentityRef[]; introducers?: IdentityRef[] };
  readonly stopAfter?: number;
  readonly source?: MastodonApiSource;
}

async function read(options: Record<string, unknown>, run: ReadOptions = {}): Promise<Read> {
  const source = run.source ?? new MastodonApiSource(context(http));
  const abort = new AbortController();
  const batches: SourceBatch[] = [];
  for await (const batch of source.read({
    sourceId: 'mastodon',
    options: source.options.parse(options),
    cursor: run.cursor,
    abort: abort.signal,
    plan: crawlPlan(run.plan),
  })) {
    batches.push(batch);
    if (batches.length === run.stopAfter) abort.abort();
  }
  return {
    batches,
    signals: batches.flatMap((batch) => batch.signals),
    identities: batches.flatMap((batch) => batch.identities ?? []),
    rejected: batches.flatMap((batch) => batch.rejected ?? []),
    skipped: batches.flatMap((batch) => batch.skipped ?? []),
    cursor: batches.at(-1)?.cursor ?? run.cursor,
  };
}

const mastodon = (id: string): IdentityRef => ({ network: 'mastodon', id });

/** What a user reads in the ledger: kind, id, who to whom, when. */
function summary(signal: Signal): string {
  return `${signal.kind} ${signal.id} ${signal.actor.id} > ${signal.subject.id} @ ${signal.at}`;
}

function worldRun() {
  const world = mastodonWorld(home, far);
  const options = { instance: `${home.url}/`, token: TOKEN, accounts: [`${home.url}/@erin`] };
  const plan = { me: [mastodon(world.uri.ada)], targets: [mastodon(world.uri.dan)], introducers: [mastodon(`${home.url}/users/frank`)] };
  return { world, options, plan };
}

describe('MastodonApiSource', () => {
  it("turns the user's notifications, favourites, statuses and lists, and the plan's accounts, into the archive's signals", async () => {
    const { world, options, plan } = worldRun();
    const { uri, statuses } = world;
    const run = await read(options, { plan });
    const status = (id: string) => `${uri.ada}/statuses/${id}`;
    const d1 = `${uri.dan}/statuses/9001`;
    expect(run.signals.map(summary)).toEqual([
      `follow mastodon:follow:${uri.carol}>${uri.ada} ${uri.carol} > ${uri.ada} @ 2026-07-08T12:00:00.000Z`,
      `like mastodon:${status('202')}#like:${uri.dan} ${uri.dan} > ${uri.ada} @ 2026-07-08T11:00:00.000Z`,
      `share mastodon:${status('202')}#share:${uri.carol} ${uri.carol} > ${uri.ada} @ 2026-07-08T10:00:00.000Z`,
      `post mastodon:${uri.bob}/statuses/300 ${uri.bob} > ${uri.bob} @ 2026-07-07T08:00:00.000Z`,
      `mention mastodon:${uri.bob}/statuses/300#mention:${uri.ada} ${uri.bob} > ${uri.ada} @ 2026-07-07T08:00:00.000Z`,
      `like mastodon:${d1}#like:${uri.ada} ${uri.ada} > ${uri.dan} @ 2026-07-01T09:00:00.000Z`,
      `share mastodon:${d1}#share:${uri.ada} ${uri.ada} > ${uri.dan} @ 2026-07-06T08:00:00.000Z`,
      `message mastodon:${status('204')}#message:${uri.bob} ${uri.ada} > ${uri.bob} @ 2026-07-05T08:00:00.000Z`,
      `post mastodon:${status('203')} ${uri.ada} > ${uri.ada} @ 2026-07-04T08:00:00.000Z`,
      `reply mastodon:${status('203')}#reply ${uri.ada} > ${uri.dan} @ 2026-07-04T08:00:00.000Z`,
      `mention mastodon:${status('203')}#mention:${uri.gina} ${uri.ada} > ${uri.gina} @ 2026-07-04T08:00:00.000Z`,
      `post mastodon:${status('202')} ${uri.ada} > ${uri.ada} @ 2026-07-03T08:00:00.000Z`,
      `link mastodon:${status('202')}#link:https://dan.example ${uri.ada} > https://dan.example @ 2026-07-03T08:00:00.000Z`,
      `post mastodon:${status('201')} ${uri.ada} > ${uri.ada} @ 2026-07-02T10:05:00.000Z`,
      `post mastodon:${status('200')} ${uri.ada} > ${uri.ada} @ 2026-07-02T10:00:00.000Z`,
      `follow mastodon:follow:${uri.ada}>${uri.dan} ${uri.ada} > ${uri.dan} @ ${ANSWER_TIME}`,
      `follow mastodon:follow:${uri.ada}>${uri.carol} ${uri.ada} > ${uri.carol} @ ${ANSWER_TIME}`,
      `follow mastodon:follow:${uri.ada}>${uri.bob} ${uri.ada} > ${uri.bob} @ ${ANSWER_TIME}`,
      `follow mastodon:follow:${uri.bob}>${uri.ada} ${uri.bob} > ${uri.ada} @ ${ANSWER_TIME}`,
      `post mastodon:${uri.dan}/statuses/9002 ${uri.dan} > ${uri.dan} @ 2026-07-10T09:00:00.000Z`,
      `reply mastodon:${uri.dan}/statuses/9002#reply ${uri.dan} > ${uri.ada} @ 2026-07-10T09:00:00.000Z`,
      `follow mastodon:follow:${uri.dan}>${uri.ada} ${uri.dan} > ${uri.ada} @ ${ANSWER_TIME}`,
      `follow mastodon:follow:${uri.carol}>${uri.dan} ${uri.carol} > ${uri.dan} @ ${ANSWER_TIME}`,
    ]);
    const byId = new Map(run.signals.map((signal) => [signal.id, signal]));
    expect(byId.get(`mastodon:${status('202')}`)?.object).toEqual({
      url: statuses.s2.url,
      text: 'Read https://dan.example/posts/parsers #Rust',
      topics: ['rust'],
      links: ['https://dan.example/posts/parsers'],
    });
    expect(byId.get(`mastodon:${status('204')}#message:${uri.bob}`)?.object).toEqual({ url: statuses.s4.url, participants: 2 });
    expect(run.rejected).toEqual([]);
    expect(run.skipped).toEqual([
      {
        where: `${home.url}/api/v1/notifications?limit=80&types%5B%5D=mention&types%5B%5D=favourite&types%5B%5D=reblog&types%5B%5D=follow (page 1, item 0)`,
        reason: 'a poll notification: not a fact handshake reads',
      },
      { where: `${home.url}/api/v1/accounts/5`, reason: expect.stringContaining('hides whom it follows and who follows it') },
    ]);
    expect(home.unmatched).toEqual([]);
  });

  it('reports the user as the owner, with the verified site only, and every account under its actor URI and handle', async () => {
    const { world, options, plan } = worldRun();
    const { uri } = world;
    const run = await read(options, { plan });
    expect(run.identities[0]).toEqual({
      network: 'mastodon',
      id: uri.ada,
      owner: true,
      handle: `@ada@${HOME_DOMAIN}`,
      displayName: 'Ada Lovelace',
      url: `${home.url}/@ada`,
      followersCount: 2,
      followingCount: 3,
      links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'verified-link' }],
    });
    const byId = new Map(run.identities.map((identity) => [identity.id, identity]));
    expect(byId.get(uri.gina)).toMatchObject({ handle: `@gina@${HOME_DOMAIN}`, displayName: 'Gina' });
    expect(byId.get(uri.dan)).toMatchObject({ handle: `@dan@${new URL(far.url).host}` });
    expect(run.identities.find((identity) => identity.id === uri.dan && identity.displayName === 'Dan')).toMatchObject({
      followersCount: 1,
      followingCount: 1,
    });
    // The plan named Frank by Mastodon's convention; his server keys him by /ap/users/6: one account, linked.
    expect(byId.get(uri.frank)).toMatchObject({
      handle: `@frank@${HOME_DOMAIN}`,
      links: [{ to: { network: 'mastodon', id: `${home.url}/users/frank` }, evidence: 'verified-link' }],
    });
    expect(run.identities.some((identity) => JSON.stringify(identity).includes('/api/v1/'))).toBe(false);
  });

  it('sends the token to the configured instance only, and reads another instance’s account there, without it', async () => {
    const { world, options, plan } = worldRun();
    await read(options, { plan });
    expect(home.requests.length).toBeGreaterThan(5);
    expect(home.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(far.requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts/lookup?acct=dan',
      '/api/v2/instance',
      '/api/v1/accounts/77/statuses?limit=40',
      '/api/v1/accounts?id%5B%5D=78',
      '/api/v1/accounts/78',
      '/api/v1/accounts/77/following?limit=80',
      '/api/v1/accounts/77/followers?limit=80',
    ]);
    expect(far.requests.some((request) => request.headers.authorization !== undefined)).toBe(false);
    expect(world.routes.bulk.hits).toBe(1);
    expect(logger.text()).not.toContain(TOKEN);
  });

  it('pages with Link rel="next", and the next run asks only for what is newer than each list’s top', async () => {
    const { world, options, plan } = worldRun();
    const first = await read(options, { plan });
    expect(world.routes.statuses.requests.map((request) => request.query)).toEqual([{ limit: '40' }, { limit: '5', max_id: '201' }]);
    expect(world.routes.following.requests.map((request) => request.query)).toEqual([{ limit: '80' }, { limit: '2', max_id: '902' }]);
    const cursor = JSON.parse(first.cursor as string) as { lists: Record<string, unknown> };
    expect(cursor.lists[`${home.url} ${world.uri.ada} statuses`]).toEqual({ since: '205' });
    expect(cursor.lists[`${home.url} ${world.uri.ada} following`]).toEqual({ since: '903' });
    expect(cursor.lists[`${home.url} ${world.uri.ada} favourites`]).toEqual({ since: '31' });
    expect(cursor.lists[`${far.url} ${world.uri.dan} statuses`]).toEqual({ since: '9002' });

    home.reset();
    far.reset();
    const again = mastodonWorld(home, far, { newStatus: true });
    const second = await read(options, { plan, cursor: first.cursor });
    expect(second.signals.map((signal) => signal.id)).toEqual([`mastodon:${world.uri.ada}/statuses/206`]);
    // Ada's statuses from her top on; Frank's and Erin's lists were empty, so they have no top yet.
    expect(home.requests.filter((request) => request.path.endsWith('/statuses')).map((request) => request.query)).toEqual([
      { limit: '40', since_id: '205' },
      { limit: '40' },
      { limit: '40' },
    ]);
    expect(again.routes.notifications.requests[0]?.query).toMatchObject({ since_id: '105' });
    expect(again.routes.following.requests.map((request) => request.query)).toEqual([{ limit: '80', since_id: '903' }]);
    expect(JSON.parse(second.cursor as string).lists[`${home.url} ${world.uri.ada} statuses`]).toEqual({ since: '206' });
  });

  it('resumes an interrupted read after its last committed page, missing nothing', async () => {
    const { options, plan } = worldRun();
    const whole = await read(options, { plan });
    home.reset();
    far.reset();
    worldRun();
    const interrupted = await read({ ...options, pages: { statuses: 1, follows: 1 } }, { plan, stopAfter: 4 });
    expect(interrupted.batches).toHaveLength(4);
    const ids = new Set(interrupted.signals.map((signal) => signal.id));
    let cursor = interrupted.cursor;
    for (let run = 0; run < 3; run++) {
      const next = await read({ ...options, pages: { statuses: 1, follows: 1 } }, { plan, cursor });
      for (const signal of next.signals) ids.add(signal.id);
      cursor = next.cursor;
    }
    expect([...ids].sort()).toEqual(whole.signals.map((signal) => signal.id).sort());
  });

  it('reads public accounts without a token, and reports an account it cannot find with the places it asked', async () => {
    const world = mastodonWorld(home, far);
    const run = await read(
      { instance: home.url, accounts: [`${home.url}/users/frank`, 'nobody@127.0.0.2'] },
      { plan: { targets: [mastodon(world.uri.dan)] } },
    );
    expect(world.routes.verify.hits).toBe(0);
    expect(world.routes.notifications.hits).toBe(0);
    expect(run.identities.some((identity) => identity.owner)).toBe(false);
    expect(run.signals.filter((signal) => signal.actor.id === world.uri.dan).map((signal) => signal.kind)).toEqual([
      'post',
      'reply',
      'follow',
    ]);
    expect(run.rejected).toEqual([
      {
        where: 'nobody@127.0.0.2',
        reason: expect.stringMatching(
          new RegExp(
            `^account not found: https://127\\.0\\.0\\.2/api/v1/accounts/lookup\\?acct=nobody: connection failed .*; ${home.url}/api/v1/accounts/lookup\\?acct=nobody%40127\\.0\\.0\\.2: no such account \\(HTTP 404\\)$`,
          ),
        ),
      },
    ]);
  });

  it('rejects a bad record with its URL, page and item, and a failed list with its URL, and goes on', async () => {
    const ada = apiAccount(home.url, '1', 'ada');
    const good = apiStatus({ id: '10', account: ada, createdAt: '2026-07-01T00:00:00.000Z', content: '<p>fine</p>' });
    home.route({ path: '/api/v2/instance', responses: answer({ domain: HOME_DOMAIN }) });
    home.route({ path: '/api/v1/accounts/lookup', responses: answer(ada) });
    home.route({
      path: '/api/v1/accounts/1/statuses',
      responses: answer([
        good,
        { ...good, id: '11', created_at: 'yesterday' },
        'not a status',
        { ...good, id: '12', reblog: { id: '13' } },
      ]),
    });
    home.route({
      path: '/api/v1/accounts/1/following',
      responses: { headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' },
    });
    const dan = apiAccount(far.url, '77', 'dan');
    far.route({ path: '/api/v1/accounts/lookup', responses: answer(dan) });
    far.route({ path: '/api/v1/accounts/77/statuses', responses: { status: 503, body: 'Service Unavailable' } });
    const run = await read({ instance: home.url, accounts: [`${home.url}/@ada`, `${far.url}/@dan`] });
    const page = `${home.url}/api/v1/accounts/1/statuses?limit=40 (page 1`;
    expect(run.signals.map((signal) => signal.id)).toEqual([`mastodon:${home.url}/users/ada/statuses/10`]);
    expect(run.rejected).toEqual([
      {
        where: `${page}, item 1)`,
        reason: 'created_at: expected an ISO-8601 instant such as 2022-11-08T16:33:11.000Z, received "yesterday"',
      },
      { where: `${page}, item 2)`, reason: 'expected a status object, received string' },
      { where: `${page}, item 3)`, reason: "reblog.uri: expected the boosted status's URI, received undefined" },
      {
        where: `${home.url}/api/v1/accounts/1/following?limit=80`,
        reason: 'expected a JSON array of the following, received a body that is not JSON',
      },
      {
        where: `${far.url}/api/v1/accounts/77/statuses?limit=40`,
        reason: 'HTTP 503 Service Unavailable (after 2 attempts): Service Unavailable',
      },
    ]);
    expect(home.requests.some((request) => request.path.endsWith('/followers'))).toBe(false);
  });

  it('stops with a clear error when the instance refuses the token, without printing it', async () => {
    home.route({ path: '/api/v1/accounts/verify_credentials', responses: { status: 401, body: { error: 'The access token is invalid' } } });
    const error = await read({ instance: home.url, token: TOKEN }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(`^${home.url} refused the token \\(HTTP 401 Unauthorized: \\{"error":"The access token is invalid"\\}\\)`),
    );
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('does not follow a next link to another origin, which would carry the token there', async () => {
    const ada = apiAccount(home.url, '1', 'ada');
    home.route({ path: '/api/v1/accounts/verify_credentials', responses: answer(ada) });
    home.route({
      path: '/api/v1/notifications',
      responses: answer([], { link: `<${far.url}/api/v1/notifications?max_id=1>; rel="next"` }),
    });
    home.route({ path: '/api/v1/favourites', responses: answer([]) });
    home.route({
      path: '/api/v1/accounts/1/statuses',
      responses: answer([apiStatus({ id: '7', account: ada, createdAt: '2026-07-01T00:00:00.000Z' })], {
        link: `<${far.url}/api/v1/accounts/1/statuses?max_id=7>; rel="next"`,
      }),
    });
    home.route({ path: '/api/v1/accounts/1/following', responses: answer([]) });
    home.route({ path: '/api/v1/accounts/1/followers', responses: answer([]) });
    const run = await read({ instance: home.url, token: TOKEN });
    expect(run.signals.map((signal) => signal.kind)).toEqual(['post']);
    expect(far.requests).toEqual([]);
    expect(logger.withMessage('next page on another origin: not followed').length).toBeGreaterThan(0);
  });
});

describe('MastodonApiSource and the rate limit', () => {
  it('waits for the ISO-8601 X-RateLimit-Reset when the budget is spent, through the HTTP client', async () => {
    const clock = new ManualClock('2026-08-01T13:49:00Z');
    const recording = new RecordingLogger();
    const client = createHttpClient({ clock, logger: recording });
    const ada = apiAccount(home.url, '1', 'ada');
    const spent = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-08-01T13:50:00.523287Z' };
    home.route({ path: '/api/v2/instance', responses: { status: 404, headers: answerHeaders(spent) } });
    home.route({ path: '/api/v1/accounts/lookup', responses: answer(ada, spent) });
    home.route({ path: '/api/v1/accounts/1/statuses', responses: answer([], spent) });
    home.route({ path: '/api/v1/accounts/1/following', responses: answer([], spent) });
    home.route({ path: '/api/v1/accounts/1/followers', responses: answer([], spent) });
    const source = new MastodonApiSource({ ...context(client, clock), logger: recording });
    const result = await advanceThroughWaits(read({ instance: home.url, accounts: [`${home.url}/@ada`] }, { source }), {
      clock,
      logger: recording,
    });
    expect(result.error).toBeUndefined();
    // The first answer spent the budget: the next request waits until the reset, to the millisecond.
    expect(result.waits).toEqual([60_523]);
    expect(result.value?.signals).toEqual([]);
    expect(home.requests.map((request) => request.path)).toEqual([
      '/api/v1/accounts/lookup',
      '/api/v2/instance',
      '/api/v1/accounts/1/statuses',
      '/api/v1/accounts/1/following',
      '/api/v1/accounts/1/followers',
    ]);
    await client.dispose();
  });

  it('ends the read, keeping what is committed, when the limit outlasts the client’s patience', async () => {
    const clock = new ManualClock('2026-08-01T13:00:00Z');
    const recording = new RecordingLogger();
    const client = createHttpClient({ clock, logger: recording, maxRateLimitWaitMs: 60_000 });
    const ada = apiAccount(home.url, '1', 'ada');
    const later = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-08-01T13:50:00.000Z' };
    home.route({ path: '/api/v2/instance', responses: answer({ domain: HOME_DOMAIN }) });
    home.route({ path: '/api/v1/accounts/lookup', responses: answer(ada) });
    home.route({
      path: '/api/v1/accounts/1/statuses',
      responses: answer([apiStatus({ id: '7', account: ada, createdAt: '2026-07-01T00:00:00.000Z' })], {
        ...later,
        link: `<${home.url}/api/v1/accounts/1/statuses?max_id=7>; rel="next", <${home.url}/api/v1/accounts/1/statuses?min_id=7>; rel="prev"`,
      }),
    });
    const source = new MastodonApiSource({ ...context(client, clock), logger: recording });
    const run = await read({ instance: home.url, accounts: [`${home.url}/@ada`] }, { source });
    expect(run.signals.map((signal) => signal.kind)).toEqual(['post']);
    expect(JSON.parse(run.cursor as string).lists[`${home.url} ${home.url}/users/ada statuses`]).toEqual({
      top: '7',
      next: `${home.url}/api/v1/accounts/1/statuses?max_id=7`,
    });
    expect(recording.withMessage('rate limited: the read stops here and the next run goes on')).toHaveLength(1);
    expect(recording.withMessage('rate limited: the read stops here and the next run goes on')[0]?.fields).toMatchObject({
      retryAt: '2026-08-01T13:50:00.000Z',
    });
    await client.dispose();
  });
});
