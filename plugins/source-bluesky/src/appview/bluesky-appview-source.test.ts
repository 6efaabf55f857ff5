import { ManualClock, type SourceBatch, type SourceContribution } from '@handshake/sdk';
import {
  advanceThroughWaits,
  crawlPlan,
  FixtureServer,
  fixtureFaults,
  loadPluginModule,
  RecordingLogger,
  runSource,
  type SourceRun,
} from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  blockedPost,
  byteRange,
  facet,
  linkFeature,
  mentionFeature,
  notFoundPost,
  type Person,
  postRecord,
  postView,
  profileView,
  reasonRepost,
  recordEmbedView,
  strongRef,
  tagFeature,
  tidAt,
} from '../__fixtures__/appview-fixtures.js';
import { type AppViewContent, SERVED_AT, serveAppView } from '../__fixtures__/serve-app-view.js';
import { blueskySourceModule } from '../index.js';

const ada: Person = { did: 'did:plc:ada2ada2ada2ada2ada2ada2', handle: 'ada.bsky.social', displayName: 'Ada' };
const dan: Person = { did: 'did:plc:dan3dan3dan3dan3dan3dan3', handle: 'dan.example.com', displayName: 'Dan Example' };
const eve: Person = { did: 'did:plc:eve4eve4eve4eve4eve4eve4', handle: 'eve.bsky.social', displayName: 'Eve' };
const fay: Person = { did: 'did:plc:fay5fay5fay5fay5fay5fay5', handle: 'fay.bsky.social' };
const gil: Person = { did: 'did:plc:gil6gil6gil6gil6gil6gil6', handle: 'gil.bsky.social' };
const hal: Person = { did: 'did:plc:hal7hal7hal7hal7hal7hal7', handle: 'hal.bsky.social' };

const SERVED = '2025-11-25T10:00:00Z';
const plan = { me: [{ network: 'bluesky', id: ada.did }], targets: [{ network: 'bluesky', id: dan.did }] };

const eveRkey = tidAt('2025-11-20T08:00:00Z');
const evePost = postView(
  eve,
  eveRkey,
  postRecord({ text: 'An essay on warm intros', createdAt: '2025-11-20T08:00:00.000Z' }),
  '2025-11-20T08:00:01.000Z',
);
const eveUri = evePost.uri;
const fayUri = `at://${fay.did}/app.bsky.feed.post/${tidAt('2025-11-01T00:00:00Z')}`;
const gilUri = `at://${gil.did}/app.bsky.feed.post/${tidAt('2025-11-02T00:00:00Z')}`;

/** An emoji before the mention: its facet offsets count UTF-8 bytes (4 for 🎉), not UTF-16 units (2). */
const shippedText = '🎉 Shipped! Thanks @ada.bsky.social, read dan.example.com/blog… #rust';
/** A facet whose offsets count UTF-16 units, as a buggy client writes them: it cuts the 🧵 and is ignored. */
const threadText = 'Quoting 🧵 @eve.bsky.social';

function danPost(iso: string, record: Record<string, unknown>, embed?: unknown, rkey = tidAt(iso)) {
  return postView(dan, rkey, postRecord({ createdAt: iso, text: '', ...record }), iso, embed);
}

const rkeys = {
  quote: tidAt('2025-11-24T09:00:00Z'),
  repost: tidAt('2025-11-24T08:00:00Z'),
  deleted: tidAt('2025-11-23T09:00:00Z'),
  blocked: tidAt('2025-11-23T08:00:00Z'),
  reply: tidAt('2025-11-22T09:00:00Z'),
  shipped: tidAt('2025-11-21T16:00:00Z'),
  thread: tidAt('2025-11-20T12:00:00Z'),
};

function danFeed(): unknown[] {
  const shippedMention = byteRange(shippedText, '@ada.bsky.social');
  const shippedLink = byteRange(shippedText, 'dan.example.com/blog…');
  const shippedTag = byteRange(shippedText, '#rust');
  const utf16Start = threadText.indexOf('@eve');
  return [
    {
      post: danPost(
        '2025-11-24T09:00:00.000Z',
        {
          text: 'Worth reading',
          embed: {
            $type: 'app.bsky.embed.recordWithMedia',
            record: { $type: 'app.bsky.embed.record', record: strongRef(eveUri) },
            media: {
              $type: 'app.bsky.embed.external',
              external: { uri: 'https://eve-writes.example.net/essay', title: 'Essay', description: 'On intros' },
            },
          },
        },
        {
          $type: 'app.bsky.embed.recordWithMedia#view',
          record: recordEmbedView(evePost),
          media: {
            $type: 'app.bsky.embed.external#view',
            external: { uri: 'https://eve-writes.example.net/essay', title: 'Essay', description: 'On intros' },
          },
        },
        rkeys.quote,
      ),
    },
    { post: evePost, reason: reasonRepost(dan, rkeys.repost, '2025-11-24T08:00:00.000Z') },
    {
      post: danPost(
        '2025-11-23T09:00:00.000Z',
        { text: 'Sad to see this gone', reply: { root: strongRef(fayUri), parent: strongRef(fayUri) } },
        undefined,
        rkeys.deleted,
      ),
      reply: { root: notFoundPost(fayUri), parent: notFoundPost(fayUri) },
    },
    {
      post: danPost(
        '2025-11-23T08:00:00.000Z',
        { text: 'Hm.', reply: { root: strongRef(gilUri), parent: strongRef(gilUri) } },
        undefined,
        rkeys.blocked,
      ),
      reply: { root: blockedPost(gilUri, gil.did), parent: blockedPost(gilUri, gil.did) },
    },
    {
      // Written at 02:00 in UTC-07:00: 09:00 in UTC.
      post: danPost(
        '2025-11-22T02:00:00-07:00',
        { text: 'Great essay, Eve', reply: { root: strongRef(eveUri), parent: strongRef(eveUri) } },
        undefined,
        rkeys.reply,
      ),
      reply: { root: evePost, parent: evePost },
    },
    {
      post: danPost(
        '2025-11-21T16:00:00.000Z',
        {
          text: shippedText,
          facets: [
            facet(...shippedMention, mentionFeature(ada.did)),
            facet(...shippedLink, linkFeature('https://dan.example.com/blog/shipped')),
            facet(...shippedTag, tagFeature('rust')),
          ],
          tags: ['OpenSource'],
        },
        undefined,
        rkeys.shipped,
      ),
    },
    {
      // createdAt a client made up, half a year after its record key was minted.
      post: danPost(
        '2026-06-01T00:00:00.000Z',
        { text: threadText, facets: [facet(utf16Start, utf16Start + '@eve.bsky.social'.length, mentionFeature(eve.did))] },
        undefined,
        rkeys.thread,
      ),
    },
  ];
}

function content(): AppViewContent {
  return {
    accounts: [
      { person: ada, follows: 1, followers: 0 },
      { person: dan, follows: 300, followers: 12_000, website: 'https://dan.example.com/about' },
      { person: eve, follows: 5, followers: 9 },
    ],
    follows: { [dan.did]: [[profileView(eve), profileView(ada)], [profileView(gil)]], [ada.did]: [[profileView(dan)]] },
    followers: { [dan.did]: [[profileView(ada), profileView(eve)]] },
    feed: { [dan.did]: [danFeed()] },
    faults: {
      [`app.bsky.feed.getAuthorFeed ${eve.did}`]: [
        { status: 400, body: { error: 'BlockedActor', message: 'Requester has blocked actor' } },
      ],
    },
  };
}

const server = new FixtureServer();
beforeAll(() => server.start());
afterEach(() => server.reset());
afterAll(() => server.stop());

function load(clock = new ManualClock('2025-11-25T10:00:00Z')) {
  const logger = new RecordingLogger();
  const plugin = loadPluginModule(blueskySourceModule, { clock, logger, plugin: '@handshake/source-bluesky' });
  return { plugin, logger, clock, source: plugin.source('bluesky') };
}

const idsOf = (run: SourceRun, kind?: string) =>
  run.signals.filter((signal) => kind === undefined || signal.kind === kind).map((signal) => signal.id);
const requestsTo = (method: string, actor: string) =>
  server.requests.filter((request) => request.path === `/xrpc/${method}` && request.query.actor === actor);

describe('bluesky source (public AppView)', () => {
  it("reads profiles, follows, followers and the author feed, from answers in the lexicons' shapes", async () => {
    serveAppView(server, content());
    const { source, plugin } = load();
    const run = await runSource(source, { appView: server.url, accounts: ['@Eve.bsky.social'] }, { plan });

    expect(run.rejected).toEqual([]);
    const danReport = run.identities.find((identity) => identity.id === dan.did && identity.followersCount !== undefined);
    expect(danReport).toEqual({
      network: 'bluesky',
      id: dan.did,
      url: `https://bsky.app/profile/${dan.did}`,
      handle: 'dan.example.com',
      displayName: 'Dan Example',
      followingCount: 300,
      followersCount: 12_000,
      // The domain handle proves the site; the website field names the same origin, so it is not linked twice.
      links: [{ to: { network: 'web', id: 'https://dan.example.com' }, evidence: 'domain-handle' }],
    });
    expect(run.identities.find((identity) => identity.id === eve.did)).toMatchObject({ handle: 'eve.bsky.social' });
    expect(run.identities.find((identity) => identity.id === eve.did)).not.toHaveProperty('links');

    const follow = (actor: Person, subject: Person) => `bluesky:follow:${actor.did}>${subject.did}`;
    expect(new Set(idsOf(run, 'follow'))).toEqual(
      new Set([follow(dan, eve), follow(dan, ada), follow(dan, gil), follow(ada, dan), follow(eve, dan)]),
    );
    expect(run.signals.find((signal) => signal.id === follow(dan, gil))).toMatchObject({ at: SERVED, rawAt: SERVED_AT });

    const danUri = (rkey: string) => `at://${dan.did}/app.bsky.feed.post/${rkey}`;
    const feedSignals = run.signals.filter((signal) => signal.kind !== 'follow');
    expect(feedSignals.map((signal) => [signal.id, signal.kind, signal.subject.id, signal.at])).toEqual([
      [`bluesky:${danUri(rkeys.quote)}`, 'post', dan.did, '2025-11-24T09:00:00Z'],
      [`bluesky:${danUri(rkeys.quote)}#quote`, 'share', eve.did, '2025-11-24T09:00:00Z'],
      [
        `bluesky:${danUri(rkeys.quote)}#link:https://eve-writes.example.net`,
        'link',
        'https://eve-writes.example.net',
        '2025-11-24T09:00:00Z',
      ],
      [`bluesky:at://${dan.did}/app.bsky.feed.repost/${rkeys.repost}`, 'share', eve.did, '2025-11-24T08:00:00Z'],
      [`bluesky:${danUri(rkeys.deleted)}`, 'post', dan.did, '2025-11-23T09:00:00Z'],
      [`bluesky:${danUri(rkeys.blocked)}`, 'post', dan.did, '2025-11-23T08:00:00Z'],
      [`bluesky:${danUri(rkeys.reply)}`, 'post', dan.did, '2025-11-22T09:00:00Z'],
      [`bluesky:${danUri(rkeys.reply)}#reply`, 'reply', eve.did, '2025-11-22T09:00:00Z'],
      [`bluesky:${danUri(rkeys.shipped)}`, 'post', dan.did, '2025-11-21T16:00:00Z'],
      [`bluesky:${danUri(rkeys.shipped)}#mention:${ada.did}`, 'mention', ada.did, '2025-11-21T16:00:00Z'],
      [`bluesky:${danUri(rkeys.shipped)}#link:https://dan.example.com`, 'link', 'https://dan.example.com', '2025-11-21T16:00:00Z'],
      [`bluesky:${danUri(rkeys.thread)}`, 'post', dan.did, '2025-11-20T12:00:00Z'],
    ]);
    const byId = (id: string) => run.signals.find((signal) => signal.id === id);
    expect(byId(`bluesky:${danUri(rkeys.shipped)}`)?.object).toEqual({
      url: `https://bsky.app/profile/${dan.did}/post/${rkeys.shipped}`,
      text: shippedText,
      topics: ['rust', 'OpenSource'],
      links: ['https://dan.example.com/blog/shipped'],
    });
    expect(byId(`bluesky:${danUri(rkeys.quote)}`)?.object?.links).toEqual(['https://eve-writes.example.net/essay']);
    expect(byId(`bluesky:${danUri(rkeys.reply)}`)).toMatchObject({ rawAt: '2025-11-22T02:00:00-07:00' });
    expect(byId(`bluesky:${danUri(rkeys.thread)}`)).toMatchObject({ rawAt: '2026-06-01T00:00:00.000Z' });

    const feedUrl = `${server.url}/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(dan.did)}&limit=100&filter=posts_with_replies`;
    expect(run.skipped).toEqual(
      expect.arrayContaining([
        { where: `${feedUrl} (page 1, item 3)`, reason: `reply to ${fayUri}: that post was deleted; counted as a post only` },
        { where: `${feedUrl} (page 1, item 4)`, reason: `reply to ${gilUri}: a block hides that post; counted as a post only` },
        { where: `${feedUrl} (page 1, item 7)`, reason: "facets[0]: bytes 11–27 do not fit the text's 29 UTF-8 bytes" },
        {
          where: `${server.url}/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(eve.did)}&limit=100&filter=posts_with_replies`,
          reason: `app.bsky.feed.getAuthorFeed of ${eve.did}: BlockedActor: Requester has blocked actor`,
        },
      ]),
    );
    await plugin.dispose();
  });

  it('re-polls only what is new: each list stops at the newest item the last poll read', async () => {
    const data = content();
    serveAppView(server, data);
    const { source, plugin } = load();
    const options = { appView: server.url };
    const first = await runSource(source, options, { plan });

    const [danFollows = []] = data.follows[dan.did] ?? [];
    danFollows.unshift(profileView(hal));
    const newPost = danPost('2025-11-25T09:00:00.000Z', { text: 'New here' });
    const [danFeed = []] = data.feed[dan.did] ?? [];
    danFeed.unshift({ post: newPost });
    const before = requestsTo('app.bsky.graph.getFollows', dan.did).length;

    const second = await runSource(source, options, { plan, cursor: first.cursor });
    expect(idsOf(second)).toEqual([`bluesky:follow:${dan.did}>${hal.did}`, `bluesky:${newPost.uri}`]);
    // One page of dan's follows (the top, which reached what was read), not the second page again.
    expect(requestsTo('app.bsky.graph.getFollows', dan.did).length - before).toBe(1);

    const third = await runSource(source, options, { plan, cursor: second.cursor });
    expect(third.signals).toEqual([]);
    await plugin.dispose();
  });

  it('leaves what is past the page limit to the next poll, which goes on from the stored page cursor', async () => {
    serveAppView(server, content());
    const { source, plugin } = load();
    const options = { appView: server.url, read: ['follows'], maxPages: 1 };
    const first = await runSource(source, options, { plan: { targets: plan.targets } });
    expect(idsOf(first)).toEqual([`bluesky:follow:${dan.did}>${eve.did}`, `bluesky:follow:${dan.did}>${ada.did}`]);
    expect(JSON.parse(first.cursor as string).accounts[dan.did].follows.pending).toEqual([{ cursor: 'p2' }]);

    const second = await runSource(source, options, { plan: { targets: plan.targets }, cursor: first.cursor });
    expect(idsOf(second)).toEqual([`bluesky:follow:${dan.did}>${gil.did}`]);
    expect(JSON.parse(second.cursor as string).accounts[dan.did].follows.pending).toEqual([]);
    await plugin.dispose();
  });

  it('gives up a stored page cursor the AppView refuses, instead of asking for it on every poll', async () => {
    const data = content();
    data.faults![`app.bsky.graph.getFollows ${dan.did} stale`] = [
      { status: 400, body: { error: 'InvalidRequest', message: 'Malformed cursor' } },
    ];
    serveAppView(server, data);
    const { source, plugin } = load();
    const stored = JSON.stringify({
      version: 1,
      accounts: { [dan.did]: { follows: { stop: { keys: [eve.did] }, pending: [{ cursor: 'stale' }] } } },
    });
    const run = await runSource(source, { appView: server.url, read: ['follows'] }, { plan: { targets: plan.targets }, cursor: stored });
    expect(run.signals).toEqual([]);
    expect(run.skipped.map((report) => report.reason)).toEqual([
      `app.bsky.graph.getFollows of ${dan.did}: InvalidRequest: Malformed cursor; the pages from cursor stale on are given up`,
    ]);
    expect(JSON.parse(run.cursor as string).accounts[dan.did].follows).toEqual({ stop: { keys: [eve.did] }, pending: [] });
    await plugin.dispose();
  });

  it('warns when the config names a Bluesky person by handle, and still reads them', async () => {
    serveAppView(server, content());
    const { source, plugin, logger } = load();
    const run = await runSource(
      source,
      { appView: server.url, read: ['followers'] },
      { plan: { targets: [{ network: 'bluesky', id: 'dan.example.com' }] } },
    );
    expect(idsOf(run)).toEqual([`bluesky:follow:${ada.did}>${dan.did}`, `bluesky:follow:${eve.did}>${dan.did}`]);
    expect(logger.text()).toContain('a bluesky identity in the config is a handle');
    await plugin.dispose();
  });

  it('reports a handle that does not resolve, and reads the others', async () => {
    serveAppView(server, content());
    const { source, plugin } = load();
    const run = await runSource(source, { appView: server.url, accounts: ['nobody.example.org', dan.did], read: ['followers'] });
    expect(run.skipped).toEqual([
      {
        where: `${server.url}/xrpc/com.atproto.identity.resolveHandle?handle=nobody.example.org`,
        reason: 'the handle nobody.example.org does not resolve: InvalidRequest: Unable to resolve handle',
      },
    ]);
    expect(run.signals).toHaveLength(2);
    await plugin.dispose();
  });
});

/** Reads batch by batch, keeping what was yielded before an error, as the host commits it. */
async function readUntilError(source: SourceContribution, rawOptions: unknown, cursor?: string, people = { targets: plan.targets }) {
  const batches: SourceBatch[] = [];
  let error: unknown;
  try {
    for await (const batch of source.read({
      sourceId: 'bluesky',
      options: source.options.parse(rawOptions),
      cursor,
      abort: new AbortController().signal,
      plan: crawlPlan(people),
    })) {
      batches.push(batch);
    }
  } catch (thrown) {
    error = thrown;
  }
  return {
    batches,
    error,
    cursor: batches.at(-1)?.cursor ?? cursor,
    ids: batches.flatMap((batch) => batch.signals.map((signal) => signal.id)),
  };
}

describe('bluesky source under faults', () => {
  it('waits out a 429 for as long as Retry-After says, on the clock, then reads on', async () => {
    const data = content();
    data.faults![`app.bsky.graph.getFollows ${dan.did}`] = fixtureFaults.rateLimited(30).slice(0, 1);
    serveAppView(server, data);
    const { source, plugin, clock, logger } = load();
    const started = clock.now();
    const result = await advanceThroughWaits(
      runSource(source, { appView: server.url, read: ['follows'] }, { plan: { targets: plan.targets } }),
      {
        clock,
        logger,
      },
    );
    expect(result.error).toBeUndefined();
    // The client's retry does not sleep itself (0 ms) when the rate limiter holds the next request back.
    expect(result.waits.filter((wait) => wait > 0)).toEqual([30_000]);
    expect(clock.now() - started).toBe(30_000);
    expect(result.value?.signals).toHaveLength(3);
    await plugin.dispose();
  });

  it('ends in an error naming the URL after repeated 500s, keeps what came before, and resumes at the failed page', async () => {
    const data = content();
    data.faults![`app.bsky.graph.getFollows ${dan.did} p2`] = fixtureFaults.failing(4).slice(0, 4);
    serveAppView(server, data);
    const { source, plugin, clock, logger } = load();
    const options = { appView: server.url, read: ['follows'] };

    const failed = await advanceThroughWaits(readUntilError(source, options), { clock, logger });
    const first = failed.value!;
    const page2 = `${server.url}/xrpc/app.bsky.graph.getFollows?actor=${encodeURIComponent(dan.did)}&limit=100&cursor=p2`;
    expect((first.error as Error).message).toBe(
      `cannot read app.bsky.graph.getFollows of ${dan.did}: GET ${page2} failed after 4 attempts: HTTP 500 Internal Server Error: {"error":"fixture failure 500"}`,
    );
    expect(first.ids).toEqual([`bluesky:follow:${dan.did}>${eve.did}`, `bluesky:follow:${dan.did}>${ada.did}`]);
    // The cursor committed last says page 2 is still to read.
    expect(JSON.parse(first.cursor as string).accounts[dan.did].follows.pending).toEqual([{ cursor: 'p2' }]);

    const resumed = await readUntilError(source, options, first.cursor);
    expect(resumed.error).toBeUndefined();
    expect(resumed.ids).toEqual([`bluesky:follow:${dan.did}>${gil.did}`]);
    expect(requestsTo('app.bsky.graph.getFollows', dan.did).at(-1)?.query.cursor).toBe('p2');
    await plugin.dispose();
  });

  it("reads the other accounts' lists before failing for the one that could not be read", async () => {
    const data = content();
    data.faults![`app.bsky.graph.getFollows ${dan.did} p2`] = fixtureFaults.failing(4).slice(0, 4);
    serveAppView(server, data);
    const { source, plugin, clock, logger } = load();
    const options = { appView: server.url, read: ['follows'] };
    const people = { targets: plan.targets, introducers: plan.me };
    const failed = (await advanceThroughWaits(readUntilError(source, options, undefined, people), { clock, logger })).value!;
    expect(failed.ids).toContain(`bluesky:follow:${ada.did}>${dan.did}`);
    expect((failed.error as Error).message).toMatch(
      /^cannot read app\.bsky\.graph\.getFollows of did:plc:dan3dan3dan3dan3dan3dan3: GET .*cursor=p2 failed/,
    );
    await plugin.dispose();
  });

  it('ends the pages when the AppView repeats a cursor', async () => {
    const data = content();
    data.faults![`app.bsky.graph.getFollows ${dan.did} p2`] = [
      { body: { subject: profileView(dan), follows: [profileView(gil)], cursor: 'p2' } },
    ];
    serveAppView(server, data);
    const { source, plugin, logger } = load();
    const run = await runSource(source, { appView: server.url, read: ['follows'] }, { plan: { targets: plan.targets } });
    expect(idsOf(run)).toHaveLength(3);
    expect(requestsTo('app.bsky.graph.getFollows', dan.did)).toHaveLength(2);
    expect(logger.withMessage('pagination stopped')[0]?.fields).toMatchObject({ reason: 'repeated cursor' });
    expect(JSON.parse(run.cursor as string).accounts[dan.did].follows.pending).toEqual([]);
    await plugin.dispose();
  });
});
