import { ManualClock, type SourceContribution } from '@handshake/sdk';
import { FixtureServer, loadPluginModule, RecordingLogger, readSource } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BLOGS,
  CANARY_KEY,
  DAN,
  ERIC,
  GRACE,
  likesAnswer,
  link,
  mention,
  metaError,
  note,
  notesAnswer,
  npfPost,
  ok,
  postsAnswer,
  text,
} from './__fixtures__/tumblr-fixtures.js';
import { tumblrSourceModule } from './index.js';

const server = new FixtureServer();
const logger = new RecordingLogger();
const clock = new ManualClock('2026-01-10T12:00:00Z');
const plugin = loadPluginModule(tumblrSourceModule, { clock, logger, plugin: '@handshake/source-tumblr' });
const source = plugin.source('tumblr') as SourceContribution<unknown>;
const plan = { me: [{ network: 'tumblr', id: ADA }], targets: [{ network: 'tumblr', id: DAN }] };
const options = (extra: Record<string, unknown> = {}) => ({
  baseUrl: server.url,
  apiKey: CANARY_KEY,
  accounts: ['dan-example', 'grace-h'],
  perPage: 2,
  ...extra,
});
const { ada, dan, grace, eric } = BLOGS;

const BIG_ID = '728129474747056128';
const danPage1 = [
  npfPost(dan, { id: '700000000000000001', timestamp: 1766000000, content: [text('Start here')], extra: { is_pinned: true } }),
  npfPost(dan, {
    id: BIG_ID,
    rawId: true,
    timestamp: 1767200000,
    noteCount: 4,
    tags: ['harbour', '#photography'],
    content: [
      text('Harbour light with @grace-h: her essay', [
        mention(19, 27, grace),
        link(29, 38, 'https://t.umblr.com/redirect?z=https%3A%2F%2Fgrace.example%2Fessay&t=NjU0MzIx'),
      ]),
      { type: 'link', url: 'https://www.danslog.example/about', title: 'About' },
      { type: 'link', url: 'https://dan-example.tumblr.com/post/1' },
    ],
  }),
];
const danPage2 = [
  npfPost(dan, {
    id: '728129474747056200',
    timestamp: 1767100000,
    tags: ['light'],
    content: [text('So good')],
    extra: {
      reblogged_from_uuid: GRACE,
      reblogged_from_name: 'grace-h',
      reblogged_from_url: grace.url,
      reblogged_root_uuid: GRACE,
      reblogged_root_name: 'grace-h',
      parent_post_url: 'https://grace-h.tumblr.com/post/7001',
      trail: [
        {
          post: { id: '7001', timestamp: 1767000000 },
          blog: { uuid: GRACE, name: 'grace-h', url: grace.url },
          content: [text('Light')],
          layout: [],
        },
      ],
    },
  }),
  npfPost(dan, {
    id: '728129474747056300',
    timestamp: 1767050000,
    extra: { trail: [{ broken_blog_name: 'old-broken-blog', content: [text('gone')], layout: [] }] },
  }),
  { id_string: '728129474747056400', timestamp: 'yesterday', blog: { uuid: DAN } },
];

function firstWorld(): void {
  server.route({
    path: `/v2/blog/${ADA}/posts`,
    responses: postsAnswer(ada, [npfPost(ada, { id: '710000000000000001', timestamp: 1767150000, content: [text('Hello')] })], 1),
  });
  server.route({ path: `/v2/blog/${ADA}/likes`, responses: metaError(403, 'Forbidden') });
  server.route({
    path: `/v2/blog/${DAN}/posts`,
    // Tumblr echoes the key in `_links.next`: it must not reach the cursor.
    responses: postsAnswer(dan, danPage1, 5, { offset: '2', page_number: '2', api_key: CANARY_KEY }),
  });
  server.route({ path: `/v2/blog/${DAN}/posts`, query: { offset: '2' }, responses: postsAnswer(dan, danPage2, 5) });
  server.route({
    path: `/v2/blog/${DAN}/likes`,
    responses: likesAnswer(
      [{ ...npfPost(eric, { id: '728100000000000001', timestamp: 1767000000, content: [text('Pier')] }), liked_timestamp: 1767250000 }],
      1,
    ),
  });
  server.route({
    path: `/v2/blog/${DAN}/notes`,
    query: { id: BIG_ID, mode: 'all' },
    responses: notesAnswer([
      note('reply', ada, 1767210000, { reply_text: 'Beautiful!' }),
      note('reblog', grace, 1767205000, { post_id: '728129474747056999', reblog_parent_blog_name: 'dan-example' }),
      note('like', eric, 1767201000),
      note('posted', dan, 1767200000),
    ]),
  });
  // Listed by name: the answer names Dan's uuid, read already.
  server.route({ path: '/v2/blog/dan-example/posts', responses: postsAnswer(dan, danPage1, 5) });
  // A partial answer, as the docs show one: a blog without its uuid.
  server.route({
    path: '/v2/blog/grace-h/posts',
    responses: ok({ blog: { name: 'grace-h', updated: 1591035760 }, posts: [], total_posts: 0 }),
  });
}

beforeAll(async () => {
  await server.start();
});

afterEach(() => server.reset());

afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

describe('tumblr source', () => {
  it('reads posts, reblogs, mentions, links, public likes and the notes of recent posts, keyed by blog uuid', async () => {
    firstWorld();
    const run = await readSource(source, options(), { plan });
    expect(run.error).toBeUndefined();
    expect(server.unmatched).toEqual([]);
    const postsUrl = (blog: string, query = '') =>
      `${server.url}/v2/blog/${blog}/posts?npf=true&notes_info=true&reblog_info=true&limit=2${query}`;

    expect(run.signals).toEqual([
      expect.objectContaining({
        id: 'tumblr:710000000000000001',
        kind: 'post',
        actor: { network: 'tumblr', id: ADA },
        subject: { network: 'tumblr', id: ADA },
      }),
      expect.objectContaining({ id: 'tumblr:700000000000000001', kind: 'post', at: '2025-12-17T19:33:20Z' }),
      {
        id: `tumblr:${BIG_ID}`,
        network: 'tumblr',
        kind: 'post',
        actor: { network: 'tumblr', id: DAN },
        subject: { network: 'tumblr', id: DAN },
        at: '2025-12-31T16:53:20Z',
        rawAt: '2025-12-31 16:53:20 GMT',
        object: {
          url: `https://dan-example.tumblr.com/post/${BIG_ID}`,
          text: 'Harbour light with @grace-h: her essay',
          topics: ['harbour', 'photography'],
          links: ['https://grace.example/essay', 'https://www.danslog.example/about', 'https://dan-example.tumblr.com/post/1'],
        },
      },
      expect.objectContaining({ id: `tumblr:${BIG_ID}#mention:${GRACE}`, kind: 'mention', subject: { network: 'tumblr', id: GRACE } }),
      expect.objectContaining({
        id: `tumblr:${BIG_ID}#link:https://grace.example`,
        kind: 'link',
        subject: { network: 'web', id: 'https://grace.example' },
        object: { url: 'https://grace.example/essay' },
      }),
      {
        id: `tumblr:728129474747056200#share:${GRACE}`,
        network: 'tumblr',
        kind: 'share',
        actor: { network: 'tumblr', id: DAN },
        subject: { network: 'tumblr', id: GRACE },
        at: '2025-12-30T13:06:40Z',
        rawAt: '2025-12-30 13:06:40 GMT',
        object: { url: 'https://dan-example.tumblr.com/post/728129474747056200', text: 'So good', topics: ['light'] },
      },
      {
        id: `tumblr:728100000000000001#like:${DAN}`,
        network: 'tumblr',
        kind: 'like',
        actor: { network: 'tumblr', id: DAN },
        subject: { network: 'tumblr', id: ERIC },
        at: '2026-01-01T06:46:40Z',
        rawAt: '1767250000',
        object: { url: 'https://eric.tumblr.com/post/728100000000000001' },
      },
      {
        id: `tumblr:${BIG_ID}#reply:${ADA}:1767210000`,
        network: 'tumblr',
        kind: 'reply',
        actor: { network: 'tumblr', id: ADA },
        subject: { network: 'tumblr', id: DAN },
        at: '2025-12-31T19:40:00Z',
        rawAt: '1767210000',
        object: { url: `https://dan-example.tumblr.com/post/${BIG_ID}`, text: 'Beautiful!' },
      },
      // The id Grace's own posts give her reblog.
      expect.objectContaining({ id: `tumblr:728129474747056999#share:${DAN}`, kind: 'share', actor: { network: 'tumblr', id: GRACE } }),
      expect.objectContaining({ id: `tumblr:${BIG_ID}#like:${ERIC}`, kind: 'like', actor: { network: 'tumblr', id: ERIC } }),
    ]);

    expect(run.rejected).toEqual([
      {
        where: `${postsUrl(DAN, '&offset=2&page_number=2')} (page 2, item 2)`,
        reason: 'timestamp: expected unix seconds, received "yesterday"',
      },
    ]);
    expect(run.skipped).toEqual([
      { where: `${server.url}/v2/blog/${ADA}/likes?limit=2&npf=true`, reason: `Tumblr 403 Forbidden: ${ADA} does not share its likes` },
      {
        where: `${postsUrl(DAN, '&offset=2&page_number=2')} (page 2, item 1)`,
        reason: 'reblog 728129474747056300: the blogs it passes on are unknown (deleted, broken or its own), no share in it',
      },
      {
        where: `${server.url}/v2/blog/${DAN}/notes?id=${BIG_ID}&mode=all (page 1, item 3)`,
        reason: `the note of post ${BIG_ID}'s own publication: no relationship in it`,
      },
      {
        where: postsUrl('grace-h'),
        reason: 'the answer names no blog uuid (t:...), the only key that outlives a rename: nothing of grace-h is read',
      },
    ]);
    expect(run.identities).toContainEqual({
      network: 'tumblr',
      id: DAN,
      handle: 'dan-example',
      displayName: "Dan's log",
      url: 'https://www.danslog.example/',
    });
    expect(run.identities).toContainEqual({ network: 'tumblr', id: GRACE, handle: 'grace-h', url: grace.url });

    // Read once though listed twice (by uuid in the plan, by name in the options).
    expect(server.requests.filter((request) => request.path.endsWith('/likes')).map((request) => request.path)).toEqual([
      `/v2/blog/${ADA}/likes`,
      `/v2/blog/${DAN}/likes`,
    ]);
    for (const request of server.requests) expect(request.query.api_key).toBe(CANARY_KEY);
    expect(run.batches.every((batch) => !batch.cursor.includes(CANARY_KEY))).toBe(true);
    expect(logger.text()).not.toContain(CANARY_KEY);
    const cursor = JSON.parse(run.cursor as string);
    expect(cursor.blogs[DAN].posts).toEqual({ since: 1767200000 });
    expect(cursor.blogs[DAN].notes).toEqual({ [BIG_ID]: { notes: { since: 1767210000 }, count: 4 }, '700000000000000001': { count: 0 } });
  });

  it('re-polls only what is new: the pinned post does not stop the page, known posts do, notes are asked for when their count moved', async () => {
    firstWorld();
    const first = await readSource(source, options({ accounts: [] }), { plan });
    server.reset();
    clock.advance(3_600_000);

    server.route({
      path: `/v2/blog/${ADA}/posts`,
      responses: postsAnswer(ada, [npfPost(ada, { id: '710000000000000001', timestamp: 1767150000 })], 1),
    });
    server.route({ path: `/v2/blog/${ADA}/likes`, responses: metaError(403, 'Forbidden') });
    const danPosts = server.route({
      path: `/v2/blog/${DAN}/posts`,
      responses: postsAnswer(
        dan,
        [
          danPage1[0],
          npfPost(dan, { id: '728129474747057000', timestamp: 1767400000, content: [text('New one')], tags: ['harbour'] }),
          { ...danPage1[1], note_count: 5 },
        ],
        6,
        { offset: '3' },
      ),
    });
    server.route({
      path: `/v2/blog/${DAN}/likes`,
      responses: likesAnswer([{ ...npfPost(eric, { id: '728100000000000001', timestamp: 1767000000 }), liked_timestamp: 1767250000 }], 1),
    });
    const notes = server.route({
      path: `/v2/blog/${DAN}/notes`,
      query: { id: BIG_ID },
      responses: notesAnswer([note('like', grace, 1767390000), note('reply', ada, 1767210000, { reply_text: 'Beautiful!' })], {
        before_timestamp: '1767210000',
      }),
    });

    const second = await readSource(source, options({ accounts: [] }), { plan, cursor: first.cursor });
    expect(second.error).toBeUndefined();
    expect(server.unmatched).toEqual([]);
    expect(danPosts.hits).toBe(1);
    expect(notes.hits).toBe(1);
    expect(server.requests.some((request) => request.path === `/v2/blog/${DAN}/notes` && request.query.id === '728129474747057000')).toBe(
      false,
    );
    expect(second.signals.map((signal) => signal.id)).toEqual(['tumblr:728129474747057000', `tumblr:${BIG_ID}#like:${GRACE}`]);
    const cursor = JSON.parse(second.cursor as string).blogs[DAN];
    expect(cursor.posts).toEqual({ since: 1767400000 });
    expect(cursor.notes[BIG_ID]).toEqual({ notes: { since: 1767390000 }, count: 5 });
  });

  it('skips a blog Tumblr does not know, and asks nothing more about it', async () => {
    server.route({
      path: `/v2/blog/${ERIC}/posts`,
      responses: {
        status: 404,
        body: { meta: { status: 404, msg: 'Not Found' }, response: [], errors: [{ title: 'Not Found', code: 0 }] },
      },
    });
    const run = await readSource(source, options({ accounts: [] }), { plan: { targets: [{ network: 'tumblr', id: ERIC }] } });
    expect(run.error).toBeUndefined();
    expect(run.skipped.map((skip) => skip.reason)).toEqual([`HTTP 404 Not Found: the blog ${ERIC} is not read`]);
    expect(server.requests.map((request) => request.path)).toEqual([`/v2/blog/${ERIC}/posts`]);
  });

  it('says when there is no blog to read', async () => {
    const run = await readSource(source, options({ accounts: [] }));
    expect(run.batches).toEqual([]);
    expect(logger.withMessage('no tumblr blogs to read: none in the plan or the options')).not.toHaveLength(0);
  });

  it('checks its options: the key is required, at most 20 a page', () => {
    expect(() => source.options.parse({})).toThrow(/apiKey/);
    expect(() => source.options.parse({ apiKey: 'k', perPage: 50 })).toThrow(/perPage/);
    expect(source.options.parse({ apiKey: 'k' })).toMatchObject({
      baseUrl: 'https://api.tumblr.com',
      perPage: 20,
      notesPosts: 10,
      likes: true,
    });
  });
});
