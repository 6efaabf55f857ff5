import { FixtureServer, fixtureFaults, RecordingLogger } from '@handshake/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { createHttpClient, type DisposableHttpClient } from './create-http-client.js';
import type { HttpRequest } from './http-client.js';
import { type Page, type PaginateOptions, type PaginationEnd, paginate } from './paginate.js';
import { paginationStrategies, valueAt } from './pagination-strategies.js';

let server: FixtureServer;
let logger: RecordingLogger;
let client: DisposableHttpClient;

beforeEach(async () => {
  server = await new FixtureServer().start();
  logger = new RecordingLogger();
  client = createHttpClient({ clock: new ManualClock(0), logger });
});

afterEach(async () => {
  await client.dispose();
  await server.stop();
});

/** Runs the generator to its end and keeps its return value: why the pages ended. */
async function collect<Item>(
  first: HttpRequest,
  options: Omit<PaginateOptions<Item>, 'logger'>,
): Promise<{ pages: Page<Item>[]; end: PaginationEnd }> {
  const generator = paginate<Item>(client, first, { ...options, logger });
  const pages: Page<Item>[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { pages, end: step.value };
    pages.push(step.value);
  }
}

const ids = (pages: Page[]) => pages.flatMap((page) => page.items.map((item) => (item as { id: string }).id));
const items = (...list: string[]) => list.map((id) => ({ id }));

describe('paginate: strategies', () => {
  it('follows Link rel="next" (Mastodon, GitHub) and tells each page where it is and where the next one is', async () => {
    server.route({
      path: '/api/v1/favourites',
      responses: { headers: { link: '<{{baseUrl}}/api/v1/favourites?max_id=2>; rel="next"' }, body: items('a', 'b') },
    });
    server.route({
      path: '/api/v1/favourites?max_id=2',
      responses: {
        headers: { link: '<{{baseUrl}}/api/v1/favourites?max_id=4>; rel="next", <{{baseUrl}}/api/v1/favourites?min_id=3>; rel="prev"' },
        body: items('c'),
      },
    });
    server.route({ path: '/api/v1/favourites?max_id=4', responses: { body: [] } });
    const { pages, end } = await collect({ url: `${server.url}/api/v1/favourites` }, { strategy: paginationStrategies.linkHeader() });
    expect(ids(pages)).toEqual(['a', 'b', 'c']);
    expect(pages.map((page) => [page.index, page.cursor, page.next])).toEqual([
      [0, undefined, `${server.url}/api/v1/favourites?max_id=2`],
      [1, `${server.url}/api/v1/favourites?max_id=2`, `${server.url}/api/v1/favourites?max_id=4`],
      [2, `${server.url}/api/v1/favourites?max_id=4`, undefined],
    ]);
    expect(end).toBe('last page');
  });

  it('resumes from a stored cursor', async () => {
    server.route({ path: '/feed', responses: { body: { feed: items('a'), cursor: 'c1' } } });
    server.route({ path: '/feed', query: { cursor: 'c1' }, responses: { body: { feed: items('b') } } });
    const { pages } = await collect(
      { url: `${server.url}/feed` },
      { strategy: paginationStrategies.bodyCursor(), resumeFrom: 'c1', items: (body) => valueAt(body, 'feed') as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['b']);
    expect(pages[0]?.cursor).toBe('c1');
    expect(server.requests.map((request) => request.url)).toEqual(['/feed?cursor=c1']);
  });

  it('sends X meta.next_token back as pagination_token', async () => {
    server.route({
      path: '/2/users/1/following',
      responses: { body: { data: items('1', '2'), meta: { result_count: 2, next_token: 'T2' } } },
    });
    server.route({
      path: '/2/users/1/following',
      query: { pagination_token: 'T2' },
      responses: { body: { data: items('3'), meta: { result_count: 1 } } },
    });
    const { pages, end } = await collect(
      { url: `${server.url}/2/users/1/following?max_results=2` },
      { strategy: paginationStrategies.xNextToken(), items: (body) => valueAt(body, 'data') as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['1', '2', '3']);
    expect(server.requests[1]?.query).toEqual({ max_results: '2', pagination_token: 'T2' });
    expect(end).toBe('last page');
  });

  it('counts an offset (Tumblr) and stops at the announced total', async () => {
    const page = (list: string[], offset?: string) => ({
      path: '/v2/user/likes',
      ...(offset && { query: { offset } }),
      responses: { body: { meta: { status: 200 }, response: { liked_posts: items(...list), liked_count: 5 } } },
    });
    server.route(page(['1', '2']));
    server.route(page(['3', '4'], '2'));
    server.route(page(['5'], '4'));
    const { pages, end } = await collect(
      { url: `${server.url}/v2/user/likes?limit=2` },
      {
        strategy: paginationStrategies.offset({ total: (body) => valueAt(body, 'response.liked_count') }),
        items: (body) => valueAt(body, 'response.liked_posts') as { id: string }[],
      },
    );
    expect(ids(pages)).toEqual(['1', '2', '3', '4', '5']);
    expect(pages.map((p) => p.next)).toEqual(['2', '4', undefined]);
    expect(end).toBe('last page');
  });

  it('counts pages against Flickr pages, given as a string', async () => {
    for (const page of ['1', '2', '3']) {
      server.route({
        path: '/services/rest/',
        query: { page },
        responses: { body: { contacts: { page: Number(page), pages: '3', perpage: 1, contact: [{ nsid: `${page}@N01` }] }, stat: 'ok' } },
      });
    }
    const { pages, end } = await collect(
      { url: `${server.url}/services/rest/?method=flickr.contacts.getList&page=1` },
      { strategy: paginationStrategies.pageNumber(), items: (body) => valueAt(body, 'contacts.contact') as { nsid: string }[] },
    );
    expect(pages.flatMap((page) => page.items.map((contact) => contact.nsid))).toEqual(['1@N01', '2@N01', '3@N01']);
    expect(end).toBe('last page');
  });
});

describe('paginate: loop guards', () => {
  const stopped = () => logger.withMessage('pagination stopped').map((line) => line.fields.reason);

  it('stops on a page that links to itself', async () => {
    server.route(fixtureFaults.selfLinkingPage('/api/v1/bookmarks', items('a')));
    const { pages, end } = await collect({ url: `${server.url}/api/v1/bookmarks` }, { strategy: paginationStrategies.linkHeader() });
    expect(pages).toHaveLength(1);
    expect(pages[0]?.next).toBeUndefined();
    expect(end).toBe('repeated cursor');
    expect(server.requests).toHaveLength(1);
    expect(stopped()).toEqual(['repeated cursor']);
  });

  it('stops on a cursor that comes back after a detour', async () => {
    server.route({ path: '/feed', responses: { body: { feed: items('a'), cursor: 'c1' } } });
    server.route({ path: '/feed', query: { cursor: 'c1' }, responses: { body: { feed: items('b'), cursor: 'c2' } } });
    server.route({ path: '/feed', query: { cursor: 'c2' }, responses: { body: { feed: items('c'), cursor: 'c1' } } });
    const { pages, end } = await collect(
      { url: `${server.url}/feed` },
      { strategy: paginationStrategies.bodyCursor(), items: (body) => valueAt(body, 'feed') as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['a', 'b', 'c']);
    expect(end).toBe('repeated cursor');
    expect(server.requests).toHaveLength(3);
  });

  it('stops on an empty page that still has a cursor, without yielding it', async () => {
    server.route({ path: '/2/tweets/search/recent', responses: { body: { data: items('1'), meta: { next_token: 'T2' } } } });
    server.route({
      path: '/2/tweets/search/recent',
      query: { pagination_token: 'T2' },
      responses: fixtureFaults.emptyPageWithCursor({ items: 'data', cursorField: 'meta.next_token', cursor: 'T3' }),
    });
    const { pages, end } = await collect(
      { url: `${server.url}/2/tweets/search/recent` },
      { strategy: paginationStrategies.xNextToken(), items: (body) => (valueAt(body, 'data') ?? []) as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['1']);
    expect(end).toBe('empty page with a cursor');
    expect(server.requests).toHaveLength(2);
    expect(stopped()).toEqual(['empty page with a cursor']);
  });

  it('stops on a page whose items were all seen already, though its cursor is new', async () => {
    server.route({ path: '/feed', responses: { body: { feed: items('a', 'b'), cursor: 'c1' } } });
    server.route({ path: '/feed', query: { cursor: 'c1' }, responses: { body: { feed: items('b', 'a'), cursor: 'c2' } } });
    const { pages, end } = await collect(
      { url: `${server.url}/feed` },
      { strategy: paginationStrategies.bodyCursor(), items: (body) => valueAt(body, 'feed') as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['a', 'b']);
    expect(end).toBe('no new items');
    expect(stopped()).toEqual(['no new items']);
  });

  it('stops at the page limit and keeps the next cursor to resume from', async () => {
    server.route({
      path: '/pages',
      responses: (request) => ({
        body: { feed: items(request.query.cursor ?? '0'), cursor: String(Number(request.query.cursor ?? 0) + 1) },
      }),
    });
    const { pages, end } = await collect(
      { url: `${server.url}/pages` },
      { strategy: paginationStrategies.bodyCursor(), maxPages: 3, items: (body) => valueAt(body, 'feed') as { id: string }[] },
    );
    expect(ids(pages)).toEqual(['0', '1', '2']);
    expect(pages[2]?.next).toBe('3');
    expect(end).toBe('page limit');
    expect(stopped()).toEqual(['page limit']);
  });
});
