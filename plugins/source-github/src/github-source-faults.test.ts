import { ManualClock } from '@handshake/sdk';
import { advanceThroughWaits, type FixtureServer, fixtureFaults } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GithubHarness, githubPlan, startServer } from './__fixtures__/github-harness.js';
import { githubEvent, githubHeaders, publicUser, simpleUser } from './__fixtures__/github-shapes.js';
import { GithubSourceError } from './github-source-error.js';

let server: FixtureServer;
let harness: GithubHarness;
let clock: ManualClock;

const START = '2026-01-02T03:04:05Z';
const startSeconds = Date.parse(START) / 1000;
const ada = { id: 1001, login: 'ada' };
const dan = { id: 2002, login: 'dan' };
const plan = githubPlan({ me: ['1001'] });

beforeAll(async () => {
  server = await startServer();
});

afterEach(async () => {
  server.reset();
  await harness?.dispose();
});

afterAll(async () => {
  await server.stop();
});

function load(): GithubHarness {
  clock = new ManualClock(START);
  harness = new GithubHarness(server, clock);
  return harness;
}

function routeAda(): void {
  server.route({ path: '/user/1001', responses: { headers: githubHeaders(), body: publicUser(ada.id, ada.login) } });
}

function followers(...ids: number[]) {
  return ids.map((id) => simpleUser(id, `user${id}`));
}

describe('github source under faults', () => {
  it.each([
    ['a 429', 429],
    ['a 403 with nothing left', 403],
  ])('waits on %s until x-ratelimit-reset, on its clock, then reads on', async (_name, status) => {
    load();
    routeAda();
    const reset = startSeconds + 120;
    server.route({
      path: '/users/ada/followers',
      responses: [
        {
          status,
          headers: githubHeaders({ remaining: 0, reset }),
          body: {
            message: 'API rate limit exceeded for 203.0.113.7.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
        },
        { headers: githubHeaders({ remaining: 59, reset: reset + 3600 }), body: followers(7) },
      ],
    });
    const result = await advanceThroughWaits(harness.run({ include: ['followers'] }, { plan }), { clock, logger: harness.logger });
    expect(result.error).toBeUndefined();
    expect(result.waits.filter((wait) => wait > 0)).toEqual([120_000]);
    expect(clock.now()).toBe(reset * 1000);
    expect(result.value?.signals.map((signal) => signal.id)).toEqual(['github:follow:7>1001']);
  });

  it('waits out a secondary limit (403 with Retry-After)', async () => {
    load();
    routeAda();
    server.route({
      path: '/users/ada/followers',
      responses: [
        {
          status: 403,
          headers: { ...githubHeaders({ remaining: 41 }), 'retry-after': '60' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
        },
        { headers: githubHeaders(), body: followers(7) },
      ],
    });
    const result = await advanceThroughWaits(harness.run({ include: ['followers'] }, { plan }), { clock, logger: harness.logger });
    expect(result.error).toBeUndefined();
    expect(result.waits.filter((wait) => wait > 0)).toEqual([60_000]);
    expect(result.value?.signals).toHaveLength(1);
  });

  it('ends repeated 500s with an error naming the URL, keeps the cursor before the failed page, and resumes there', async () => {
    load();
    routeAda();
    server.route({
      path: '/users/ada/followers',
      responses: {
        headers: githubHeaders({
          link: '<{{baseUrl}}/users/ada/followers?per_page=100&page=2>; rel="next", <{{baseUrl}}/users/ada/followers?per_page=100&page=2>; rel="last"',
        }),
        body: followers(7, 8),
      },
    });
    const failing = server.route({ path: '/users/ada/followers', query: { page: '2' }, responses: fixtureFaults.failing(100) });
    const first = await advanceThroughWaits(harness.collect({ include: ['followers'] }, { plan }), { clock, logger: harness.logger });
    const { batches, error } = first.value ?? { batches: [] };
    expect(error).toBeInstanceOf(GithubSourceError);
    expect((error as Error).message).toBe(
      `github: cannot read the followers list of ada (github 1001): GET ${server.url}/users/ada/followers?per_page=100&page=2 failed after 4 attempts: HTTP 500 Internal Server Error: {"error":"fixture failure 500"}`,
    );
    expect(failing.hits).toBe(4);
    expect(batches.flatMap((batch) => batch.signals.map((signal) => signal.id))).toEqual(['github:follow:7>1001', 'github:follow:8>1001']);
    const committed = batches.at(-1)?.cursor as string;
    expect(JSON.parse(committed).accounts['1001'].followers.resume).toBe(`${server.url}/users/ada/followers?per_page=100&page=2`);

    server.reset();
    routeAda();
    const page1 = server.route({ path: '/users/ada/followers', responses: { headers: githubHeaders(), body: followers(7, 8) } });
    server.route({ path: '/users/ada/followers', query: { page: '2' }, responses: { headers: githubHeaders(), body: followers(9) } });
    const second = await harness.run({ include: ['followers'] }, { plan, cursor: committed });
    expect(page1.hits).toBe(0);
    expect(second.signals.map((signal) => signal.id)).toEqual(['github:follow:9>1001']);
    expect(JSON.parse(second.cursor as string).accounts['1001'].followers.resume).toBeUndefined();
  });

  it('asks a full last page again without its ETag, so a page added after it is found', async () => {
    load();
    routeAda();
    const hundred = followers(...Array.from({ length: 100 }, (_, index) => 10 + index));
    server.route({ path: '/users/ada/followers', responses: { headers: githubHeaders({ etag: '"f1"' }), body: hundred } });
    const first = await harness.run({ include: ['followers'] }, { plan });
    expect(first.signals).toHaveLength(100);

    server.reset();
    routeAda();
    const page1 = server.route({
      path: '/users/ada/followers',
      responses: fixtureFaults.conditional({
        etag: '"f1"',
        response: { headers: githubHeaders({ link: '<{{baseUrl}}/users/ada/followers?per_page=100&page=2>; rel="next"' }), body: hundred },
      }),
    });
    server.route({ path: '/users/ada/followers', query: { page: '2' }, responses: { headers: githubHeaders(), body: followers(999) } });
    const second = await harness.run({ include: ['followers'] }, { plan, cursor: first.cursor });
    expect(page1.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(second.signals.map((signal) => signal.id)).toContain('github:follow:999>1001');
  });

  it('stops a list whose Link points back at itself', async () => {
    load();
    routeAda();
    const loop = server.route(fixtureFaults.selfLinkingPage('/users/ada/followers', followers(7)));
    const run = await harness.run({ include: ['followers'] }, { plan });
    expect(loop.hits).toBe(2);
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:follow:7>1001']);
    expect(harness.logger.withMessage('list stopped')[0]?.fields).toMatchObject({ reason: 'no new items' });
  });

  it('stops an events timeline whose Link points back at itself', async () => {
    load();
    routeAda();
    const event = githubEvent({
      id: '9',
      type: 'FollowEvent',
      actor: ada,
      repo: { id: 0, name: '/' },
      createdAt: '2025-12-20T10:00:00Z',
      payload: { target: simpleUser(dan.id, dan.login) },
    });
    const loop = server.route(fixtureFaults.selfLinkingPage('/users/ada/events/public', [event]));
    const run = await harness.run({ include: ['events'] }, { plan });
    expect(loop.hits).toBe(2);
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:event/9']);
    expect(JSON.parse(run.cursor as string).accounts['1001'].events).toEqual({ newest: '9' });
  });

  it('keeps the newest event id until an interrupted events read has met the events read before, resuming at the failed page', async () => {
    load();
    routeAda();
    const watch = (id: number) =>
      githubEvent({
        id: String(id),
        type: 'FollowEvent',
        actor: ada,
        repo: { id: 0, name: '/' },
        createdAt: '2025-12-20T10:00:00Z',
        payload: { target: simpleUser(id, `user${id}`) },
      });
    server.route({
      path: '/users/ada/events/public',
      responses: { headers: githubHeaders({ etag: '"e1"' }), body: [watch(100), watch(99)] },
    });
    const before = await harness.run({ include: ['events'] }, { plan });
    expect(JSON.parse(before.cursor as string).accounts['1001'].events).toEqual({ newest: '100', etag: '"e1"' });

    server.reset();
    routeAda();
    const page2 = `${server.url}/users/ada/events/public?per_page=100&page=2`;
    server.route({
      path: '/users/ada/events/public',
      responses: { headers: githubHeaders({ etag: '"e2"', link: `<${page2}>; rel="next"` }), body: [watch(103), watch(102)] },
    });
    server.route({ path: '/users/ada/events/public', query: { page: '2' }, responses: fixtureFaults.failing(10) });
    const failed = await advanceThroughWaits(harness.collect({ include: ['events'] }, { plan, cursor: before.cursor }), {
      clock,
      logger: harness.logger,
    });
    const { batches, error } = failed.value ?? { batches: [] };
    expect(error).toBeInstanceOf(GithubSourceError);
    expect((error as Error).message).toContain(`GET ${page2} failed after 4 attempts`);
    const committed = batches.at(-1)?.cursor as string;
    expect(batches.flatMap((batch) => batch.signals.map((signal) => signal.id))).toEqual(['github:event/103', 'github:event/102']);
    expect(JSON.parse(committed).accounts['1001'].events).toEqual({
      newest: '100',
      etag: '"e1"',
      walk: { top: '103', next: page2, etag: '"e2"', read: 2 },
    });

    server.reset();
    routeAda();
    const page1 = server.route({ path: '/users/ada/events/public', responses: { headers: githubHeaders(), body: [] } });
    server.route({
      path: '/users/ada/events/public',
      query: { page: '2' },
      responses: { headers: githubHeaders(), body: [watch(101), watch(100), watch(99)] },
    });
    const resumed = await harness.run({ include: ['events'] }, { plan, cursor: committed });
    expect(page1.hits).toBe(0);
    expect(resumed.signals.map((signal) => signal.id)).toEqual(['github:event/101']);
    expect(JSON.parse(resumed.cursor as string).accounts['1001'].events).toEqual({ newest: '103', etag: '"e2"' });
  });

  it("skips a target's repository whose contributors GitHub refuses (403, too large) or which is gone (404), and reads the others", async () => {
    load();
    server.route({ path: '/user/2002', responses: { headers: githubHeaders(), body: publicUser(dan.id, dan.login) } });
    server.route({
      path: '/users/dan/repos',
      responses: {
        headers: githubHeaders(),
        body: [
          { id: 1, full_name: 'dan/huge', html_url: 'https://github.com/dan/huge', fork: false },
          { id: 2, full_name: 'dan/gone', html_url: 'https://github.com/dan/gone', fork: false },
          { id: 3, full_name: 'dan/small', html_url: 'https://github.com/dan/small', fork: false },
        ],
      },
    });
    server.route({
      path: '/repos/dan/huge/contributors',
      responses: {
        status: 403,
        headers: githubHeaders(),
        body: { message: 'The history or contributor list is too large to list contributors for this repository via the API.' },
      },
    });
    server.route({
      path: '/repos/dan/gone/contributors',
      responses: { status: 404, headers: githubHeaders(), body: { message: 'Not Found' } },
    });
    server.route({
      path: '/repos/dan/small/contributors',
      responses: {
        headers: githubHeaders(),
        body: [
          { ...simpleUser(7, 'user7'), contributions: 2 },
          { email: 'x@example.com', name: 'X', type: 'Anonymous', contributions: 1 },
        ],
      },
    });
    const run = await harness.run({ include: ['contributors'] }, { plan: githubPlan({ targets: ['2002'] }) });
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:contribution:7>2002@repo/3']);
    expect(run.skipped.map((skip) => skip.reason)).toEqual([
      'dan/huge: {"message":"The history or contributor list is too large to list contributors for this repository via the API."}',
      'dan/gone answers 404: its contributors cannot be read',
      'an anonymous contributor: a commit e-mail with no account',
    ]);
  });

  it('stores nothing new and spends nothing of the rate limit when the events answer 304', async () => {
    load();
    server.route({
      path: '/user/1001',
      responses: fixtureFaults.conditional({
        etag: '"profile"',
        response: { headers: githubHeaders({ remaining: 50 }), body: publicUser(ada.id, ada.login) },
      }),
    });
    const events = server.route({
      path: '/users/ada/events/public',
      responses: fixtureFaults.conditional({
        etag: 'W/"events-v1"',
        response: {
          headers: githubHeaders({ remaining: 49 }),
          body: [
            githubEvent({
              id: '42',
              type: 'FollowEvent',
              actor: ada,
              repo: { id: 0, name: '/' },
              createdAt: '2025-12-20T10:00:00Z',
              payload: { target: simpleUser(dan.id, dan.login) },
            }),
          ],
        },
      }),
    });
    const first = await harness.run({ include: ['events'] }, { plan });
    expect(first.signals.map((signal) => [signal.id, signal.kind])).toEqual([['github:event/42', 'follow']]);
    const budget = () => harness.plugin.context.http.rateLimit(server.url)?.remaining;
    expect(budget()).toBe(49);

    const second = await harness.run({ include: ['events'] }, { plan, cursor: first.cursor });
    expect(events.requests[1]?.headers['if-none-match']).toBe('W/"events-v1"');
    expect(second.batches).toBe(0);
    expect(second.cursor).toBe(first.cursor);
    expect(budget()).toBe(49);
  });

  it("ends paging quietly at GitHub's ceiling of 300 events", async () => {
    load();
    routeAda();
    server.route({ path: '/users/dan', responses: { headers: githubHeaders(), body: publicUser(dan.id, dan.login) } });
    const page = (number: number) =>
      Array.from({ length: 100 }, (_, index) => {
        const id = 10_000 - (number - 1) * 100 - index;
        return githubEvent({
          id: String(id),
          type: 'WatchEvent',
          actor: ada,
          repo: { id: 501, name: 'dan/engine' },
          createdAt: '2025-12-20T10:00:00Z',
          payload: { action: 'started' },
        });
      });
    const link = (next: number) => `<{{baseUrl}}/users/ada/events/public?per_page=100&page=${next}>; rel="next"`;
    server.route({
      path: '/users/ada/events/public',
      responses: { headers: githubHeaders({ etag: '"p1"', link: link(2) }), body: page(1) },
    });
    server.route({
      path: '/users/ada/events/public',
      query: { page: '2' },
      responses: { headers: githubHeaders({ link: link(3) }), body: page(2) },
    });
    server.route({
      path: '/users/ada/events/public',
      query: { page: '3' },
      responses: { headers: githubHeaders({ link: link(4) }), body: page(3) },
    });
    const beyond = server.route({
      path: '/users/ada/events/public',
      query: { page: '4' },
      responses: {
        status: 422,
        headers: githubHeaders(),
        body: { message: 'In order to keep the API fast for everyone, pagination is limited for this resource.' },
      },
    });
    const run = await harness.run({ include: ['events'] }, { plan });
    expect(run.signals).toHaveLength(300);
    expect(beyond.hits).toBe(0);
    expect(harness.logger.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    expect(JSON.parse(run.cursor as string).accounts['1001'].events).toEqual({ newest: '10000', etag: '"p1"' });
    expect(server.requests.filter((request) => request.path === '/users/dan')).toHaveLength(1);
  });

  it('takes the 422 GitHub answers past its ceiling as the end of the timeline', async () => {
    load();
    routeAda();
    server.route({
      path: '/users/ada/events/public',
      responses: {
        headers: githubHeaders({ link: '<{{baseUrl}}/users/ada/events/public?per_page=100&page=2>; rel="next"' }),
        body: [
          githubEvent({
            id: '5',
            type: 'FollowEvent',
            actor: ada,
            repo: { id: 0, name: '/' },
            createdAt: '2025-12-20T10:00:00Z',
            payload: { target: simpleUser(dan.id, dan.login) },
          }),
        ],
      },
    });
    server.route({
      path: '/users/ada/events/public',
      query: { page: '2' },
      responses: {
        status: 422,
        headers: githubHeaders(),
        body: { message: 'In order to keep the API fast for everyone, pagination is limited for this resource.' },
      },
    });
    const run = await harness.run({ include: ['events'] }, { plan });
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:event/5']);
    expect(JSON.parse(run.cursor as string).accounts['1001'].events).toEqual({ newest: '5' });
  });

  it('follows a renamed login (301 to /user/<id>) and a renamed repository (301 to /repositories/<id>) by id', async () => {
    load();
    server.route(fixtureFaults.renamed('/users/old-name', '/user/42'));
    server.route({ path: '/user/42', responses: { headers: githubHeaders(), body: publicUser(42, 'new-name', { name: 'Renamed' }) } });
    server.route({ path: '/users/new-name/followers', responses: { headers: githubHeaders(), body: followers(7) } });
    server.route({ path: '/user/2002', responses: { headers: githubHeaders(), body: publicUser(dan.id, dan.login) } });
    server.route({ path: '/users/dan/followers', responses: { headers: githubHeaders(), body: [] } });
    server.route({
      path: '/users/dan/repos',
      responses: {
        headers: githubHeaders(),
        body: [{ id: 77, full_name: 'dan/old-repo', html_url: 'https://github.com/dan/old-repo', fork: false }],
      },
    });
    server.route(fixtureFaults.renamed('/repos/dan/old-repo/contributors', '/repositories/77/contributors'));
    server.route({
      path: '/repositories/77/contributors',
      responses: { headers: githubHeaders(), body: [{ ...simpleUser(7, 'user7'), contributions: 3 }] },
    });
    const run = await harness.run(
      { accounts: ['old-name'], include: ['followers', 'contributors'] },
      { plan: githubPlan({ targets: ['2002'] }) },
    );
    expect(run.identities).toContainEqual(expect.objectContaining({ id: '42', handle: 'new-name', displayName: 'Renamed' }));
    expect(run.signals.map((signal) => signal.id).sort()).toEqual(['github:contribution:7>2002@repo/77', 'github:follow:7>42']);
    expect(harness.logger.withMessage('account found at its new address')[0]?.fields).toMatchObject({ id: '42', login: 'new-name' });
  });

  it('keeps the token out of every log line and every error message', async () => {
    load();
    const token = 'github_pat_CANARY0123456789abcdefXYZ';
    routeAda();
    // A server that echoes the credential back, as some error pages do.
    server.route({
      path: '/users/ada/followers',
      responses: (request) => ({
        status: 502,
        headers: githubHeaders(),
        body: { message: `upstream refused ${request.headers.authorization}` },
      }),
    });
    const result = await advanceThroughWaits(harness.run({ token, include: ['followers'] }, { plan }), { clock, logger: harness.logger });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    const error = result.error as Error;
    expect(error).toBeInstanceOf(GithubSourceError);
    expect(error.message).toContain(`${server.url}/users/ada/followers?per_page=100`);
    expect(error.message).toContain('upstream refused Bearer [redacted]');
    const everything = [error.message, error.stack, String((error.cause as Error).message), harness.logger.text()].join('\n');
    expect(everything).not.toContain('CANARY');
    expect(harness.logger.lines.length).toBeGreaterThan(0);
  });
});
