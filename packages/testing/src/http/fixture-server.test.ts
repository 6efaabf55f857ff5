import { createHttpClient, ManualClock } from '@handshake/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFaults } from './fixture-faults.js';
import { FixtureServer } from './fixture-server.js';
import { RecordingLogger } from './recording-logger.js';

let server: FixtureServer;

beforeEach(async () => {
  server = await new FixtureServer().start();
});

afterEach(async () => {
  await server.stop();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('FixtureServer', () => {
  it('listens on 127.0.0.1 on a random port, and refuses a url before start', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(() => new FixtureServer().url).toThrow('not started');
  });

  it('answers a route with its responses in order, the last one repeating', async () => {
    const route = server.route({ path: '/seq', responses: [{ body: 'one' }, { status: 201, body: 'two' }] });
    expect((await get('/seq')).text).toBe('one');
    expect(await get('/seq')).toMatchObject({ status: 201, text: 'two' });
    expect(await get('/seq')).toMatchObject({ status: 201, text: 'two' });
    expect(route.hits).toBe(3);
  });

  it('sends JSON bodies with a JSON content type and substitutes {{baseUrl}}', async () => {
    server.route({ path: '/json', responses: { headers: { link: '<{{baseUrl}}/json?page=2>; rel="next"' }, body: { self: 'x' } } });
    const response = await get('/json');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('link')).toBe(`<${server.url}/json?page=2>; rel="next"`);
    expect(JSON.parse(response.text)).toEqual({ self: 'x' });
  });

  it('matches queries: any, some parameters, or exactly; the most specific route wins', async () => {
    server.route({ path: '/q', responses: { body: 'any' } });
    server.route({ path: '/q', query: { limit: '1' }, responses: { body: 'some' } });
    server.route({ path: '/q?limit=1&max_id=9', responses: { body: 'exact' } });
    expect((await get('/q')).text).toBe('any');
    expect((await get('/q?limit=1&extra=yes')).text).toBe('some');
    expect((await get('/q?max_id=9&limit=1')).text).toBe('exact');
    expect((await get('/q?limit=2')).text).toBe('any');
  });

  it('matches :name segments, and prefers an exact path', async () => {
    server.route({ path: '/2/users/:id', responses: { body: 'pattern' } });
    server.route({ path: '/2/users/me', responses: { body: 'me' } });
    expect((await get('/2/users/2244994945')).text).toBe('pattern');
    expect((await get('/2/users/me')).text).toBe('me');
  });

  it('records every request, and answers an unmatched one 404', async () => {
    server.route({ method: 'POST', path: '/write', responses: { status: 204 } });
    await fetch(`${server.url}/write?x=1`, { method: 'POST', body: 'payload', headers: { 'X-Test': 'yes' } });
    const missing = await get('/nowhere');
    expect(missing.status).toBe(404);
    expect(server.requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/write?x=1'],
      ['GET', '/nowhere'],
    ]);
    expect(server.requests[0]).toMatchObject({ path: '/write', query: { x: '1' }, body: 'payload', headers: { 'x-test': 'yes' } });
    expect(server.unmatched.map((request) => request.url)).toEqual(['/nowhere']);
  });

  it('injects faults: 429 with Retry-After, failures then success, a rename, a self link, an empty page with a cursor', async () => {
    server.route({ path: '/limited', responses: fixtureFaults.rateLimited(new Date('2026-01-01T00:00:30Z')) });
    server.route({ path: '/flaky', responses: fixtureFaults.failing(2, { body: 'ok' }) });
    server.route(fixtureFaults.renamed('/repos/o/old', '/repositories/7'));
    server.route(fixtureFaults.selfLinkingPage('/loop'));
    server.route({
      path: '/empty',
      responses: fixtureFaults.emptyPageWithCursor({ items: 'data', cursorField: 'meta.next_token', cursor: 'T9' }),
    });
    expect((await get('/limited')).headers.get('retry-after')).toBe('Thu, 01 Jan 2026 00:00:30 GMT');
    expect((await get('/limited')).status).toBe(200);
    expect([(await get('/flaky')).status, (await get('/flaky')).status, (await get('/flaky')).status]).toEqual([500, 500, 200]);
    expect((await get('/repos/o/old')).headers.get('location')).toBe(`${server.url}/repositories/7`);
    expect((await get('/loop')).headers.get('link')).toBe(`<${server.url}/loop>; rel="next"`);
    expect(JSON.parse((await get('/empty')).text)).toEqual({ data: [], meta: { next_token: 'T9' } });
  });

  it('answers 304 when If-None-Match names the ETag', async () => {
    server.route({ path: '/etag', responses: fixtureFaults.conditional({ etag: '"abc"', response: { body: { v: 1 } } }) });
    const fresh = await get('/etag');
    expect(fresh).toMatchObject({ status: 200, text: '{"v":1}' });
    expect(fresh.headers.get('etag')).toBe('"abc"');
    expect((await get('/etag', { 'if-none-match': 'W/"abc"' })).status).toBe(304);
    expect((await get('/etag', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers slowly, and lets go of a slow answer when the client gives up or the server stops', async () => {
    server.route({ path: '/slow', responses: fixtureFaults.slow(60, { body: 'late' }) });
    server.route({ path: '/never', responses: fixtureFaults.slow(3_600_000) });
    expect((await get('/slow')).text).toBe('late');
    const abort = new AbortController();
    const pending = fetch(`${server.url}/never`, { signal: abort.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort();
    expect(await pending).toBe('aborted');
    const hanging = fetch(`${server.url}/never`).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.stop();
    expect(await hanging).toBe('closed');
  });

  it('serves the SDK client: a rename is followed and the final URL reported', async () => {
    const client = createHttpClient({ clock: new ManualClock(0), logger: new RecordingLogger() });
    server.route(fixtureFaults.renamed('/repos/o/old', '/repositories/7'));
    server.route({ path: '/repositories/7', responses: { body: { id: 7 } } });
    const response = await client.request({ url: `${server.url}/repos/o/old` });
    await client.dispose();
    expect(response.url).toBe(`${server.url}/repositories/7`);
  });
});
