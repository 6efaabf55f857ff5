import { createHttpClient, type DisposableHttpClient, type IdentityRef, systemClock } from '@handshake/sdk';
import { FixtureServer, fixtureFaults, runSource } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testPluginContext } from './__fixtures__/test-plugin-context.js';
import { FeedSource } from './feed-source.js';
import { FeedSourceOptions } from './feed-source-options.js';

const server = new FixtureServer();
let http: DisposableHttpClient;
let source: FeedSource;

beforeAll(async () => {
  await server.start();
  const context = testPluginContext();
  // Two attempts with a 1 ms backoff: a 500 is retried once, quickly.
  http = createHttpClient({ clock: systemClock, logger: context.logger, maxAttempts: 2, baseBackoffMs: 1, maxBackoffMs: 1 });
  source = new FeedSource(testPluginContext(http));
});

afterEach(() => server.reset());

afterAll(async () => {
  await http.dispose();
  await server.stop();
});

/** A blog's RSS feed with one post that links to a friend's site. */
function blogFeed(name: string, friend: string): string {
  return (
    `<rss version="2.0"><channel><title>${name}'s blog</title><link>https://${name}.example/</link>` +
    `<item><guid>${name}-1</guid><title>Hello from ${name}</title><pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate>` +
    `<description>&lt;a href="https://${friend}.example/post"&gt;a friend&lt;/a&gt;</description></item>` +
    '</channel></rss>'
  );
}

/** A feed served with an ETag: a request that sends it back gets a 304. */
function conditionalFeed(path: string, body: string) {
  return server.route({
    path,
    responses: fixtureFaults.conditional({ etag: `"${path}-v1"`, response: { headers: { 'content-type': 'application/rss+xml' }, body } }),
  });
}

const feed = (id: string): IdentityRef => ({ network: 'feed', id });

/** The feeds a plan cursor holds a cursor for, in order. */
const feedsIn = (cursor: string | undefined): string[] => Object.keys(JSON.parse(cursor as string).feeds).sort();

describe('feed source, plan: true', () => {
  it('reads the feed of every feed identity in the plan in one run, each attributed to its identity', async () => {
    conditionalFeed('/dan.xml', blogFeed('dan', 'carol'));
    conditionalFeed('/alice.xml', blogFeed('alice', 'bob'));
    const dan = `${server.url}/dan.xml`;
    const alice = `${server.url}/alice.xml`;
    const run = await runSource(
      source,
      { plan: true },
      { plan: { targets: [feed(dan), { network: 'github', id: '1' }], introducers: [feed(alice)] } },
    );

    expect(run.rejected).toEqual([]);
    expect(run.identities.map((identity) => identity.id)).toEqual([dan, alice]);
    expect(run.identities[0]).toMatchObject({ network: 'feed', id: dan, displayName: "dan's blog", url: 'https://dan.example/' });
    expect(run.signals.map((signal) => [signal.kind, signal.actor.id, signal.subject.id])).toEqual([
      ['post', dan, dan],
      ['link', dan, 'https://carol.example'],
      ['post', alice, alice],
      ['link', alice, 'https://bob.example'],
    ]);
    expect(run.signals[0]).toMatchObject({ id: `feed:${dan} dan-1`, object: { text: 'Hello from dan\na friend' } });
    expect(feedsIn(run.cursor)).toEqual([alice, dan]);
    expect(server.requests.map((request) => request.path)).toEqual(['/dan.xml', '/alice.xml']);
  });

  it('stores nothing on the next run when no feed changed: each feed sends its own ETag back and gets a 304', async () => {
    const danRoute = conditionalFeed('/dan.xml', blogFeed('dan', 'carol'));
    const aliceRoute = conditionalFeed('/alice.xml', blogFeed('alice', 'bob'));
    const plan = { targets: [feed(`${server.url}/dan.xml`), feed(`${server.url}/alice.xml`)] };
    const first = await runSource(source, { plan: true }, { plan });
    expect(first.signals).toHaveLength(4);

    const second = await runSource(source, { plan: true }, { plan, cursor: first.cursor });
    expect(second).toMatchObject({ signals: [], identities: [], rejected: [], batches: 0, cursor: first.cursor });
    expect(danRoute.requests[1]?.headers).toMatchObject({ 'if-none-match': '"/dan.xml-v1"' });
    expect(aliceRoute.requests[1]?.headers).toMatchObject({ 'if-none-match': '"/alice.xml-v1"' });
  });

  it('rejects a feed that fails (HTTP 500, bad XML) with its URL, reads the others, and tries it again next run', async () => {
    conditionalFeed('/dan.xml', blogFeed('dan', 'carol'));
    server.route({ path: '/broken.xml', responses: fixtureFaults.failing(2, { body: blogFeed('bob', 'alice') }) });
    server.route({ path: '/bad.xml', responses: { body: '<rss version="2.0"><channel><title>Bad</title>\n<item></channel></rss>' } });
    const dan = `${server.url}/dan.xml`;
    const broken = `${server.url}/broken.xml?token=s3cr3t-feed-token`;
    const plan = { targets: [feed(broken), feed(`${server.url}/bad.xml`), feed(dan)] };

    const first = await runSource(source, { plan: true }, { plan });
    expect(first.rejected).toEqual([
      {
        where: `${server.url}/broken.xml?token=[redacted]`,
        reason: `cannot fetch ${server.url}/broken.xml?token=[redacted]: HTTP 500 Internal Server Error (after 2 attempts)`,
      },
      {
        where: `${server.url}/bad.xml`,
        reason: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/bad\.xml: not well-formed XML at line 2/),
      },
    ]);
    expect(JSON.stringify(first)).not.toContain('s3cr3t');
    expect(first.signals.map((signal) => signal.actor.id)).toEqual([dan, dan]);
    // Only the feed that was read moves its cursor: the failed ones have none, so they are read whole next run.
    expect(feedsIn(first.cursor)).toEqual([dan]);

    const second = await runSource(source, { plan: true }, { plan, cursor: first.cursor });
    expect(second.signals.map((signal) => signal.actor.id)).toEqual([broken, broken]);
    expect(second.rejected).toEqual([expect.objectContaining({ where: `${server.url}/bad.xml` })]);
    // The cursor names the feed with its token redacted, since `handshake state cursors` prints it.
    expect(feedsIn(second.cursor)).toEqual([`${server.url}/broken.xml?token=[redacted]`, dan]);
    expect(second.cursor).not.toContain('s3cr3t');

    const third = await runSource(source, { plan: true }, { plan, cursor: second.cursor });
    expect(third.signals).toEqual([]);
  });

  it('keeps the cursor of a feed that fails after it was read, so the next run asks it again with the same ETag', async () => {
    const dan = `${server.url}/dan.xml`;
    const served = fixtureFaults.conditional({ etag: '"v1"', response: { body: blogFeed('dan', 'carol') } });
    const route = server.route({ path: '/dan.xml', responses: [served, { status: 404 }, served] });
    const plan = { targets: [feed(dan)] };
    const first = await runSource(source, { plan: true }, { plan });
    const failed = await runSource(source, { plan: true }, { plan, cursor: first.cursor });
    expect(failed.rejected).toEqual([{ where: dan, reason: `cannot fetch ${dan}: HTTP 404 Not Found` }]);
    expect(failed.cursor).toBe(first.cursor);

    const recovered = await runSource(source, { plan: true }, { plan, cursor: failed.cursor });
    expect(recovered.batches).toBe(0);
    expect(route.requests[2]?.headers).toMatchObject({ 'if-none-match': '"v1"' });
  });

  it('rejects a planned feed id that is no http(s) address, naming it, and reads the rest', async () => {
    conditionalFeed('/dan.xml', blogFeed('dan', 'carol'));
    const dan = `${server.url}/dan.xml`;
    const run = await runSource(source, { plan: true }, { plan: { me: [feed('ada.example/feed.xml')], targets: [feed(dan)] } });
    expect(run.rejected).toEqual([
      {
        where: 'crawl plan: feed "ada.example/feed.xml"',
        reason: "not an http(s) address: a feed identity is its feed's URL, such as https://dan.example/feed.xml",
      },
    ]);
    expect(run.signals.map((signal) => signal.actor.id)).toEqual([dan, dan]);
    expect(server.requests).toHaveLength(1);
  });

  it('reads nothing when the plan has no feed identities', async () => {
    const run = await runSource(source, { plan: true }, { plan: { targets: [{ network: 'github', id: '1' }] } });
    expect(run).toMatchObject({ signals: [], rejected: [], batches: 0 });
    expect(server.requests).toEqual([]);
  });
});

describe('feed source options, plan', () => {
  const issuesOf = (options: unknown) =>
    FeedSourceOptions.safeParse(options).error?.issues.map((issue) => ({ path: issue.path, message: issue.message }));

  it('takes plan: true alone', () => {
    expect(FeedSourceOptions.parse({ plan: true })).toEqual({ plan: true });
  });

  it('refuses plan with path or url, and plan: false with neither, saying what is expected', () => {
    expect(issuesOf({ url: 'https://dan.example/feed.xml', plan: true })).toEqual([
      { path: ['plan'], message: expect.stringMatching(/^give only one of path .*, url .* and plan: true .*; got url and plan$/) },
    ]);
    expect(issuesOf({ path: 'a.xml', plan: true })).toEqual([{ path: ['plan'], message: expect.stringMatching(/; got path and plan$/) }]);
    expect(issuesOf({ plan: false })).toEqual([
      {
        path: [],
        message:
          'expected path (a saved feed or OPML file), url (the http(s) address of a feed or OPML file) or plan: true (the feed of every feed identity in the crawl plan)',
      },
    ]);
    expect(issuesOf({ plan: 'yes' })?.[0]).toEqual({
      path: ['plan'],
      message: 'expected true (read the feeds of the crawl plan) or false',
    });
  });

  it('refuses owner: me with plan, since the plan already says whose each feed is', () => {
    expect(issuesOf({ plan: true, owner: 'me' })).toEqual([
      {
        path: ['owner'],
        message: "owner: me does not go with plan: true: the plan's feeds are each its person's, and the user's own are already the user's",
      },
    ]);
  });
});
