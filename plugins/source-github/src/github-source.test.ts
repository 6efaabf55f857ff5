import { crawlPlan, type FixtureServer } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GithubHarness, githubPlan, startServer } from './__fixtures__/github-harness.js';
import {
  contributor,
  githubEvent,
  githubHeaders,
  issue,
  publicUser,
  pullRequest,
  repository,
  simpleUser,
} from './__fixtures__/github-shapes.js';

let server: FixtureServer;
let harness: GithubHarness;

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

const ada = { id: 1001, login: 'ada' };
const dan = { id: 2002, login: 'dan' };
const ivy = { id: 3003, login: 'ivy' };
const carolOrg = { id: 4004, login: 'carol-org' };
const engine = repository(501, 'dan/engine', dan);
const DATE = 'Fri, 02 Jan 2026 03:04:05 GMT';
const AT = '2026-01-02T03:04:05Z';

const github = (id: number | string) => ({ network: 'github', id: String(id) });

/** Ada's public events: one of each kind handshake reads, and the ones it leaves out. */
function adaEvents() {
  return [
    githubEvent({
      id: '50000000011',
      type: 'IssueCommentEvent',
      actor: ada,
      repo: { id: 501, name: 'dan/engine' },
      createdAt: '2025-12-30T10:00:00Z',
      payload: {
        action: 'created',
        issue: issue('dan/engine', 7, 'Crash when the config is empty', dan),
        comment: { id: 9, body: 'Same here' },
      },
    }),
    githubEvent({
      id: '50000000010',
      type: 'PullRequestEvent',
      actor: ada,
      repo: { id: 501, name: 'dan/engine' },
      createdAt: '2025-12-29T10:00:00Z',
      payload: { action: 'opened', number: 8, pull_request: pullRequest(engine, 8, 'Fix the crash on an empty config', ada) },
    }),
    githubEvent({
      id: '50000000009',
      type: 'WatchEvent',
      actor: ada,
      repo: { id: 501, name: 'dan/engine' },
      createdAt: '2025-12-28T10:00:00Z',
      payload: { action: 'started' },
    }),
    githubEvent({
      id: '50000000008',
      type: 'ForkEvent',
      actor: ada,
      repo: { id: 601, name: 'carol-org/tool' },
      org: carolOrg,
      createdAt: '2025-12-27T10:00:00Z',
      payload: { forkee: repository(602, 'ada/tool', ada, { fork: true }) },
    }),
    githubEvent({
      id: '50000000007',
      type: 'IssuesEvent',
      actor: ada,
      repo: { id: 701, name: 'ada/notes' },
      createdAt: '2025-12-26T10:00:00Z',
      payload: { action: 'opened', issue: issue('ada/notes', 1, 'Todo', ada) },
    }),
    githubEvent({
      id: '50000000006',
      type: 'PushEvent',
      actor: ada,
      repo: { id: 701, name: 'ada/notes' },
      createdAt: '2025-12-25T10:00:00Z',
      payload: { repository_id: 701, push_id: 1, ref: 'refs/heads/main', head: 'c'.repeat(40), before: 'd'.repeat(40) },
    }),
    githubEvent({
      id: '50000000005',
      type: 'MemberEvent',
      actor: ada,
      repo: { id: 701, name: 'ada/notes' },
      createdAt: '2025-12-24T10:00:00Z',
      payload: { action: 'added', member: simpleUser(ivy.id, ivy.login) },
    }),
    {
      ...githubEvent({ id: '50000000004', type: 'WatchEvent', actor: ada, repo: { id: 1, name: 'x/y' }, createdAt: '' }),
      created_at: undefined,
    },
    githubEvent({
      id: '50000000003',
      type: 'PullRequestReviewCommentEvent',
      actor: ada,
      repo: { id: 501, name: 'dan/engine' },
      createdAt: '2025-12-22T10:00:00Z',
      payload: { action: 'created', pull_request: pullRequest(engine, 5, 'Faster startup', ivy), comment: { id: 11, body: 'nit' } },
    }),
    githubEvent({
      id: '50000000002',
      type: 'IssueCommentEvent',
      actor: ada,
      repo: { id: 801, name: 'gone-user/old' },
      createdAt: '2025-12-21T10:00:00Z',
      payload: { action: 'created', issue: issue('gone-user/old', 3, 'Old bug', ada), comment: { id: 12, body: '+1' } },
    }),
  ];
}

/** The world of Ada (the user) and Dan (the target), in GitHub's shapes. */
function routeWorld() {
  const headers = (fields: Parameters<typeof githubHeaders>[0] = {}) => githubHeaders({ date: DATE, ...fields });
  server.route({
    path: '/user/1001',
    responses: {
      headers: headers({ etag: '"ada-1"' }),
      body: publicUser(1001, 'ada', { name: 'Ada Lovelace', blog: 'ada.example', followers: 2, following: 1 }),
    },
  });
  server.route({
    path: '/users/ada/events/public',
    responses: {
      headers: headers({ etag: '"ada-events-1"', pollInterval: 60 }),
      body: adaEvents(),
    },
  });
  const danProfile = publicUser(2002, 'dan', { name: 'Dan Example', blog: 'https://github.com/dan', followers: 1200, following: 3 });
  server.route({ path: '/users/dan', responses: { headers: headers(), body: danProfile } });
  server.route({
    path: '/users/gone-user',
    responses: { status: 404, headers: headers(), body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } },
  });
  server.route({
    path: '/users/ada/following',
    responses: { headers: headers({ etag: '"ada-following-1"' }), body: [simpleUser(dan.id, dan.login)] },
  });
  server.route({
    path: '/users/ada/followers',
    responses: { headers: headers({ etag: '"ada-followers-1"' }), body: [simpleUser(ivy.id, ivy.login), simpleUser(10137, 'ghost')] },
  });
  server.route({
    path: '/user/2002',
    responses: { headers: headers({ etag: '"dan-1"' }), body: danProfile },
  });
  server.route({ path: '/users/dan/events/public', responses: { headers: headers({ etag: '"dan-events-1"' }), body: [] } });
  server.route({ path: '/users/dan/following', responses: { headers: headers({ etag: '"dan-following-1"' }), body: [] } });
  server.route({
    path: '/users/dan/followers',
    responses: { headers: headers({ etag: '"dan-followers-1"' }), body: [simpleUser(ada.id, ada.login)] },
  });
  server.route({
    path: '/users/dan/repos',
    responses: {
      headers: headers({ etag: '"dan-repos-1"' }),
      body: [engine, repository(503, 'dan/upstream-fork', dan, { fork: true }), repository(502, 'dan/site', dan)],
    },
  });
  server.route({
    path: '/repos/dan/engine/contributors',
    responses: {
      headers: headers({ etag: '"engine-contributors-1"' }),
      body: [
        contributor(dan.id, dan.login, 340),
        contributor(ada.id, ada.login, 12),
        contributor(49699333, 'dependabot[bot]', 40, 'Bot'),
        contributor(ivy.id, ivy.login, 3),
      ],
    },
  });
  server.route({ path: '/repos/dan/site/contributors', responses: { status: 204, headers: headers() } });
}

describe('github source', () => {
  it("reads the user's and the target's world: profiles, events, follows and the target's contributors, all keyed by numeric id", async () => {
    harness = new GithubHarness(server);
    routeWorld();
    const run = await harness.run({}, { plan: githubPlan({ me: ['1001'], targets: ['2002'] }) });

    expect(run.rejected).toEqual([
      {
        where: `${server.url}/users/ada/events/public?per_page=100 (page 1, item 7)`,
        reason: 'event 50000000004: created_at: expected an ISO-8601 instant, received null',
      },
    ]);
    const byId = new Map(run.signals.map((signal) => [signal.id, signal]));
    expect(byId.get('github:event/50000000011')).toEqual({
      id: 'github:event/50000000011',
      network: 'github',
      kind: 'comment',
      actor: github(1001),
      subject: github(2002),
      at: '2025-12-30T10:00:00Z',
      object: { url: 'https://github.com/dan/engine/issues/7', text: 'Crash when the config is empty' },
    });
    expect(byId.get('github:event/50000000010')).toMatchObject({
      kind: 'contribution',
      subject: github(2002),
      object: { url: 'https://github.com/dan/engine/pull/8', text: 'Fix the crash on an empty config' },
    });
    expect(byId.get('github:event/50000000009')).toMatchObject({
      kind: 'like',
      subject: github(2002),
      object: { url: 'https://github.com/dan/engine', text: 'dan/engine' },
    });
    expect(byId.get('github:event/50000000008')).toMatchObject({
      kind: 'share',
      subject: github(4004),
      object: { url: 'https://github.com/carol-org/tool' },
    });
    expect(byId.get('github:event/50000000005')).toMatchObject({ kind: 'connection', actor: github(1001), subject: github(3003) });
    expect(byId.get('github:event/50000000003')).toMatchObject({
      kind: 'comment',
      subject: github(2002),
      object: { url: 'https://github.com/dan/engine/pull/5', text: 'Faster startup' },
    });

    expect(byId.get('github:follow:1001>2002')).toEqual({
      id: 'github:follow:1001>2002',
      network: 'github',
      kind: 'follow',
      actor: github(1001),
      subject: github(2002),
      at: AT,
      rawAt: DATE,
    });
    expect(byId.get('github:follow:3003>1001')).toMatchObject({ kind: 'follow', actor: github(3003), subject: github(1001), at: AT });
    expect(byId.get('github:follow:2002>1001')).toBeUndefined();
    expect(byId.get('github:follow:1001>2002')).toBeDefined();

    expect(byId.get('github:contribution:1001>2002@repo/501')).toEqual({
      id: 'github:contribution:1001>2002@repo/501',
      network: 'github',
      kind: 'contribution',
      actor: github(1001),
      subject: github(2002),
      at: AT,
      rawAt: DATE,
      object: { url: 'https://github.com/dan/engine', text: 'dan/engine' },
    });
    expect(byId.get('github:contribution:3003>2002@repo/501')).toBeDefined();
    expect([...byId.keys()].sort()).toEqual(
      [
        'github:contribution:1001>2002@repo/501',
        'github:contribution:3003>2002@repo/501',
        'github:event/50000000003',
        'github:event/50000000005',
        'github:event/50000000008',
        'github:event/50000000009',
        'github:event/50000000010',
        'github:event/50000000011',
        'github:follow:1001>2002',
        'github:follow:3003>1001',
      ].sort(),
    );
    // Dan's follower list names Ada too: the same fact from the other side, with the same id.
    expect(run.signals.filter((signal) => signal.id === 'github:follow:1001>2002')).toHaveLength(2);

    expect(run.skipped.map((skip) => skip.reason)).toEqual([
      "IssuesEvent on the actor's own repository ada/notes",
      'PushEvent: not a relationship fact',
      'IssueCommentEvent: the owner of gone-user/old is not found (renamed or deleted since)',
      'the ghost account: a deleted user',
      "dan/upstream-fork is a fork: its contributors are the upstream project's",
      "dan's own commits to dan/engine",
      'dependabot[bot] is a bot',
    ]);
    expect(run.skipped[0]?.where).toBe(`${server.url}/users/ada/events/public?per_page=100 (page 1, item 4)`);

    const ada1001 = run.identities.find((identity) => identity.id === '1001' && identity.displayName !== undefined);
    expect(ada1001).toEqual({
      network: 'github',
      id: '1001',
      handle: 'ada',
      displayName: 'Ada Lovelace',
      url: 'https://ada.example/',
      followersCount: 2,
      followingCount: 1,
      links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'same-site' }],
    });
    // A profile that states a shared host as its site links to nothing.
    expect(run.identities.find((identity) => identity.id === '2002' && identity.followersCount !== undefined)).toEqual({
      network: 'github',
      id: '2002',
      handle: 'dan',
      displayName: 'Dan Example',
      url: 'https://github.com/dan',
      followersCount: 1200,
      followingCount: 3,
    });
  });

  it('asks GitHub as it wants to be asked, looks each repository owner up once per read, and reads contributors only for targets', async () => {
    harness = new GithubHarness(server);
    routeWorld();
    await harness.run({ token: 'ghp_example0123456789' }, { plan: githubPlan({ me: ['1001'], introducers: ['2002'] }) });
    for (const request of server.requests) {
      expect(request.headers).toMatchObject({
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        authorization: 'Bearer ghp_example0123456789',
      });
    }
    expect(server.requests.filter((request) => request.path === '/users/dan')).toHaveLength(1);
    expect(server.requests.filter((request) => request.path === '/users/gone-user')).toHaveLength(1);
    expect(server.requests.some((request) => request.path === '/users/dan/repos')).toBe(false);
    expect(server.unmatched).toEqual([]);
  });

  it('reads anonymously with an empty token, as `${env:GITHUB_TOKEN:-}` gives when the variable is unset', async () => {
    harness = new GithubHarness(server);
    routeWorld();
    const run = await harness.run({ token: '', include: ['following'] }, { plan: githubPlan({ me: ['1001'] }) });
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:follow:1001>2002']);
    expect(server.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
  });

  it('re-polls with every ETag: an unchanged world costs nothing, yields nothing and leaves the cursor as it was', async () => {
    harness = new GithubHarness(server);
    routeWorld();
    const plan = githubPlan({ me: ['1001'], targets: ['2002'] });
    const first = await harness.run({}, { plan });
    server.reset();
    const answered304: string[] = [];
    const notModified = (etag: string, path: string) => (request: { headers: Readonly<Record<string, string>> }) => {
      if (request.headers['if-none-match'] !== etag) return { status: 500, body: { message: `expected If-None-Match ${etag} on ${path}` } };
      answered304.push(path);
      return { status: 304, headers: githubHeaders({ date: 'Sat, 03 Jan 2026 00:00:00 GMT', etag }) };
    };
    for (const [path, etag] of [
      ['/user/1001', '"ada-1"'],
      ['/users/ada/events/public', '"ada-events-1"'],
      ['/users/ada/following', '"ada-following-1"'],
      ['/users/ada/followers', '"ada-followers-1"'],
      ['/user/2002', '"dan-1"'],
      ['/users/dan/events/public', '"dan-events-1"'],
      ['/users/dan/following', '"dan-following-1"'],
      ['/users/dan/followers', '"dan-followers-1"'],
      ['/users/dan/repos', '"dan-repos-1"'],
      ['/repos/dan/engine/contributors', '"engine-contributors-1"'],
    ] as const) {
      server.route({ path, responses: notModified(etag, path) });
    }
    // The site's contributor list had no ETag (204): it is asked again, and is still empty.
    server.route({ path: '/repos/dan/site/contributors', responses: { status: 204, headers: githubHeaders({ date: DATE }) } });

    // A new process, as a later one-shot run is: the events' poll interval (kept in memory) does not hold it back.
    const fresh = new GithubHarness(server);
    const second = await fresh.run({}, { plan, cursor: first.cursor });
    await fresh.dispose();
    expect(second.signals).toEqual([]);
    expect(second.identities).toEqual([]);
    expect(second.batches).toBe(0);
    expect(second.cursor).toBe(first.cursor);
    expect(answered304).toHaveLength(10);
    // The repository owner looked up last time is no request at all now: no event was read.
    expect(server.requests.filter((request) => request.path === '/users/dan')).toEqual([]);
  });

  it('reads only the events newer than the last read, and honours X-Poll-Interval between reads', async () => {
    const { ManualClock } = await import('@handshake/sdk');
    const clock = new ManualClock('2026-01-02T03:04:05Z');
    harness = new GithubHarness(server, clock);
    const older = [
      githubEvent({
        id: '700',
        type: 'WatchEvent',
        actor: ada,
        repo: { id: 501, name: 'dan/engine' },
        createdAt: '2025-12-20T10:00:00Z',
        payload: { action: 'started' },
      }),
    ];
    const newer = githubEvent({
      id: '701',
      type: 'ForkEvent',
      actor: ada,
      repo: { id: 501, name: 'dan/engine' },
      createdAt: '2025-12-21T10:00:00Z',
      payload: {},
    });
    server.route({ path: '/user/1001', responses: { headers: githubHeaders(), body: publicUser(1001, 'ada') } });
    server.route({ path: '/users/dan', responses: { headers: githubHeaders(), body: publicUser(2002, 'dan') } });
    const events = server.route({
      path: '/users/ada/events/public',
      responses: [
        { headers: githubHeaders({ etag: '"e1"', pollInterval: 60 }), body: older },
        { headers: githubHeaders({ etag: '"e2"', pollInterval: 60 }), body: [newer, ...older] },
      ],
    });
    const options = { include: ['events'] };
    const plan = githubPlan({ me: ['1001'] });
    const first = await harness.run(options, { plan });
    expect(first.signals.map((signal) => signal.id)).toEqual(['github:event/700']);
    expect(JSON.parse(first.cursor as string).accounts['1001'].events).toEqual({ newest: '700', etag: '"e1"' });

    clock.advance(30_000);
    const early = await harness.run(options, { plan, cursor: first.cursor });
    expect(events.hits).toBe(1);
    expect(early.signals).toEqual([]);

    clock.advance(30_000);
    const later = await harness.run(options, { plan, cursor: first.cursor });
    expect(events.hits).toBe(2);
    expect(events.requests[1]?.headers['if-none-match']).toBe('"e1"');
    expect(later.signals.map((signal) => [signal.id, signal.kind])).toEqual([['github:event/701', 'share']]);
    expect(JSON.parse(later.cursor as string).accounts['1001'].events).toEqual({ newest: '701', etag: '"e2"' });
  });

  it('names a login written where the numeric id belongs, and reads logins given as accounts', async () => {
    harness = new GithubHarness(server);
    server.route({
      path: '/users/octocat',
      responses: { headers: githubHeaders(), body: publicUser(583231, 'octocat', { name: 'The Octocat' }) },
    });
    server.route({ path: '/users/octocat/following', responses: { headers: githubHeaders(), body: [simpleUser(ivy.id, ivy.login)] } });
    const run = await harness.run({ accounts: ['octocat'], include: ['following'] }, { plan: githubPlan({ me: ['octocat'] }) });
    expect(run.rejected).toEqual([
      {
        where: 'crawl plan: github "octocat"',
        reason: 'a GitHub identity is the account\'s numeric id, not its login: https://api.github.com/users/octocat shows it as "id"',
      },
    ]);
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:follow:583231>3003']);
    expect(run.identities[0]).toMatchObject({ id: '583231', handle: 'octocat', displayName: 'The Octocat' });
  });

  it('stops between batches when the run is aborted', async () => {
    harness = new GithubHarness(server);
    routeWorld();
    const controller = new AbortController();
    const batches = [];
    for await (const batch of harness.source.read({
      sourceId: 'github',
      options: harness.source.options.parse({ baseUrl: server.url }),
      cursor: undefined,
      abort: controller.signal,
      plan: crawlPlan(githubPlan({ me: ['1001'], targets: ['2002'] })),
    })) {
      batches.push(batch);
      controller.abort();
    }
    expect(batches).toHaveLength(1);
    expect(server.requests.map((request) => request.path)).toEqual(['/user/1001']);
  });

  it('skips an account that no longer exists and the ghost, and goes on with the others', async () => {
    harness = new GithubHarness(server);
    server.route({ path: '/user/999', responses: { status: 404, headers: githubHeaders(), body: { message: 'Not Found' } } });
    server.route({ path: '/user/1001', responses: { headers: githubHeaders(), body: publicUser(1001, 'ada') } });
    server.route({ path: '/users/ada/followers', responses: { headers: githubHeaders(), body: [simpleUser(ivy.id, ivy.login)] } });
    const run = await harness.run({ include: ['followers'] }, { plan: githubPlan({ me: ['999'], introducers: ['10137', '1001'] }) });
    expect(run.skipped).toEqual([
      { where: `${server.url}/user/999`, reason: 'no GitHub account has the id 999: deleted' },
      { where: `${server.url}/user/10137`, reason: 'the ghost account: a deleted user' },
    ]);
    expect(run.signals.map((signal) => signal.id)).toEqual(['github:follow:3003>1001']);
    expect(server.requests.some((request) => request.path === '/user/10137')).toBe(false);
  });
});
