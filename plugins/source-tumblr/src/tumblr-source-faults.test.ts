import { HttpError, ManualClock, type SourceContribution } from '@handshake/sdk';
import {
  advanceThroughWaits,
  FixtureServer,
  fixtureFaults,
  loadPluginModule,
  RecordingLogger,
  type RunSourceOptions,
  readSource,
} from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BLOGS,
  CANARY_KEY,
  DAN,
  likesAnswer,
  metaError,
  note,
  notesAnswer,
  npfPost,
  postsAnswer,
  text,
} from './__fixtures__/tumblr-fixtures.js';
import { tumblrSourceModule } from './index.js';
import { TumblrReadError } from './tumblr-read-error.js';

const server = new FixtureServer();
const logger = new RecordingLogger();
const clock = new ManualClock('2026-01-10T12:00:00Z');
// The host's wiring: a real HTTP client (4 attempts, backoff, Retry-After) on the manual clock.
const plugin = loadPluginModule(tumblrSourceModule, { clock, logger, plugin: '@handshake/source-tumblr' });
const source = plugin.source('tumblr') as SourceContribution<unknown>;
const plan: RunSourceOptions['plan'] = { targets: [{ network: 'tumblr', id: DAN }] };
const { dan, eric, grace } = BLOGS;
const errors: unknown[] = [];

async function read(readOptions: RunSourceOptions = { plan }, extra: Record<string, unknown> = {}) {
  const { value, waits } = await advanceThroughWaits(
    readSource(source, { baseUrl: server.url, apiKey: CANARY_KEY, perPage: 2, likes: false, notesPosts: 0, ...extra }, readOptions),
    { clock, logger },
  );
  if (value?.error !== undefined) errors.push(value.error);
  return { ...(value as NonNullable<typeof value>), waits };
}

const post = (id: string, timestamp: number, noteCount = 0) => npfPost(dan, { id, timestamp, noteCount, content: [text(`post ${id}`)] });

beforeAll(async () => {
  await server.start();
});

afterEach(() => server.reset());

afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

describe('tumblr source under faults', () => {
  it("waits out a 429's Retry-After and a meta.status 429 inside a 200 on the clock, then goes on", async () => {
    const posts = server.route({
      path: `/v2/blog/${DAN}/posts`,
      responses: fixtureFaults.rateLimited(30, postsAnswer(dan, [post('728000000000000001', 1767200000, 2)], 1)),
    });
    const notes = server.route({
      path: `/v2/blog/${DAN}/notes`,
      responses: [metaError(429, 'Limit Exceeded'), notesAnswer([note('like', eric, 1767201000), note('like', grace, 1767202000)])],
    });
    const started = clock.now();
    const run = await read({ plan }, { notesPosts: 5 });
    expect(run.error).toBeUndefined();
    expect(posts.hits).toBe(2);
    expect(notes.hits).toBe(2);
    expect(run.waits).toContain(30_000);
    expect(run.waits.length).toBeGreaterThanOrEqual(2);
    expect(clock.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(run.signals.map((signal) => signal.kind)).toEqual(['post', 'like', 'like']);
  });

  it('ends repeated 500s in an error naming the URL without the key, keeps the cursor before the failed page, and resumes there', async () => {
    server.route({
      path: `/v2/blog/${DAN}/posts`,
      responses: postsAnswer(dan, [post('728000000000000004', 1767400000), post('728000000000000003', 1767300000)], 3, {
        offset: '2',
        api_key: CANARY_KEY,
      }),
    });
    const second = server.route({
      path: `/v2/blog/${DAN}/posts`,
      query: { offset: '2' },
      responses: fixtureFaults.failing(4, postsAnswer(dan, [post('728000000000000002', 1767200000)], 3)),
    });

    const failed = await read();
    expect(failed.error).toBeInstanceOf(TumblrReadError);
    const message = (failed.error as Error).message;
    expect(message).toContain(`tumblr: cannot read the posts of ${DAN}: GET ${server.url}/v2/blog/${DAN}/posts?npf=true`);
    expect(message).toContain('offset=2');
    expect(message).toContain('failed after 4 attempts: HTTP 500 Internal Server Error');
    expect(message).not.toContain(CANARY_KEY);
    expect((failed.error as Error).cause).toBeInstanceOf(HttpError);
    expect(second.hits).toBe(4);
    expect(failed.signals.map((signal) => signal.id)).toEqual(['tumblr:728000000000000004', 'tumblr:728000000000000003']);
    expect(JSON.parse(failed.cursor as string).blogs[DAN].posts).toEqual({ pass: { next: 'offset=2', newest: 1767400000 } });

    const resumed = await read({ plan, cursor: failed.cursor });
    expect(resumed.error).toBeUndefined();
    expect(server.requests.slice(5).map((request) => request.query.offset)).toEqual(['2']);
    expect(resumed.signals.map((signal) => signal.id)).toEqual(['tumblr:728000000000000002']);
    expect(JSON.parse(resumed.cursor as string).blogs[DAN].posts).toEqual({ since: 1767400000 });
  });

  it('ends a `_links.next` that points back at the page it is on, and stops quietly at the likes offset cap', async () => {
    server.route({
      path: `/v2/blog/${DAN}/posts`,
      responses: postsAnswer(dan, [post('728000000000000001', 1767200000)], 99, { offset: '1' }),
    });
    server.route({
      path: `/v2/blog/${DAN}/posts`,
      query: { offset: '1' },
      responses: postsAnswer(dan, [post('728000000000000000', 1767100000)], 99, { offset: '1' }),
    });
    const liked = (id: string, at: number) => ({ ...npfPost(eric, { id, timestamp: 1767000000 }), liked_timestamp: at });
    const likes = server.route({
      path: `/v2/blog/${DAN}/likes`,
      responses: likesAnswer([liked('728100000000000002', 1767300000)], 5000, { offset: '1000' }),
    });
    server.route({
      path: `/v2/blog/${DAN}/likes`,
      query: { offset: '1000' },
      responses: likesAnswer([liked('728100000000000001', 1767200000)], 5000, { offset: '1002' }),
    });
    const run = await read({ plan }, { likes: true });
    expect(run.error).toBeUndefined();
    expect(server.unmatched).toEqual([]);
    expect(run.signals.map((signal) => signal.kind)).toEqual(['post', 'post', 'like', 'like']);
    expect(logger.withMessage('pagination stopped').map((line) => line.fields.reason)).toContain('repeated cursor');
    expect(likes.hits).toBe(1);
    expect(server.requests.some((request) => request.query.offset === '1002')).toBe(false);
    expect(logger.withMessage('offset cap reached: older items are not read')).toHaveLength(1);
    const cursor = JSON.parse(run.cursor as string).blogs[DAN];
    expect(cursor.posts).toEqual({ since: 1767200000 });
    expect(cursor.likes).toEqual({ since: 1767300000 });
  });

  it('raises meta.status 401 inside a 200 clearly, without the key the server echoed', async () => {
    server.route({
      path: `/v2/blog/${DAN}/posts`,
      responses: metaError(401, 'Unauthorized', [{ title: 'Unauthorized', code: 1016, detail: `Invalid api_key ${CANARY_KEY}` }]),
    });
    const run = await read();
    expect(run.batches).toEqual([]);
    expect(run.error).toBeInstanceOf(TumblrReadError);
    const message = (run.error as Error).message;
    expect(message).toContain(`tumblr: cannot read the posts of ${DAN}: GET ${server.url}/v2/blog/${DAN}/posts?npf=true`);
    expect(message).toContain('failed after 1 attempt: Tumblr 401 Unauthorized: Invalid api_key [redacted]');
    expect(message).not.toContain(CANARY_KEY);
  });

  it('never lets the key into a log line, an error or a cursor', () => {
    expect(errors.length).toBeGreaterThan(0);
    expect(logger.text()).not.toContain(CANARY_KEY);
    for (const error of errors) {
      expect(String(error)).not.toContain(CANARY_KEY);
      expect(
        JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause), stack: (error as Error).stack }),
      ).not.toContain(CANARY_KEY);
    }
  });
});
