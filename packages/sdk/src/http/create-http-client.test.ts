import { gzipSync } from 'node:zlib';
import { advanceThroughWaits, FixtureServer, fixtureFaults, RecordingLogger } from '@handshake/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { createHttpClient, DEFAULT_USER_AGENT, type DisposableHttpClient, type HttpClientOptions } from './create-http-client.js';
import { HttpError } from './http-error.js';

const START = Date.parse('2026-01-01T00:00:00Z');

let server: FixtureServer;
let clock: ManualClock;
let logger: RecordingLogger;
let client: DisposableHttpClient;

function clientWith(options: Partial<HttpClientOptions> = {}): DisposableHttpClient {
  return createHttpClient({ clock, logger, ...options });
}

/** Lets real I/O happen for a moment: a request that was going to reach the server would have by then. */
function realPause(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function failureOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

beforeEach(async () => {
  server = await new FixtureServer().start();
  clock = new ManualClock(START);
  logger = new RecordingLogger();
  client = clientWith();
});

afterEach(async () => {
  await client.dispose();
  await server.stop();
});

describe('createHttpClient: requests', () => {
  it('sends the handshake User-Agent and returns status, lower-case headers and the body', async () => {
    server.route({ path: '/hello', responses: { headers: { 'X-Thing': 'yes' }, body: { hello: 'world' } } });
    const response = await client.request({ url: `${server.url}/hello` });
    expect(response.status).toBe(200);
    expect(response.headers['x-thing']).toBe('yes');
    expect(response.json()).toEqual({ hello: 'world' });
    expect(server.requests[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toBe('handshake/0.1.0 (+https://github.com/handshake-dev/handshake)');
    const line = logger.withMessage('http request')[0];
    expect(line?.level).toBe('debug');
    expect(line?.fields).toMatchObject({ method: 'GET', url: `${server.url}/hello`, status: 200, attempt: 1 });
  });

  it('decodes a gzip body', async () => {
    server.route({
      path: '/zipped',
      responses: { headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' }, body: gzipSync('squeezed') },
    });
    expect((await client.request({ url: `${server.url}/zipped` })).text()).toBe('squeezed');
  });

  it('unwraps a JSONP body for json()', async () => {
    server.route({
      path: '/jsonp',
      responses: { headers: { 'content-type': 'application/javascript' }, body: 'jsonFlickrApi({"stat":"ok"})' },
    });
    expect((await client.request({ url: `${server.url}/jsonp` })).json()).toEqual({ stat: 'ok' });
  });

  it('never retries a 404, and names method, URL, status and body in the error', async () => {
    server.route({ path: '/missing', responses: { status: 404, body: { error: 'Record not found' } } });
    const error = await failureOf(client.request({ url: `${server.url}/missing` }));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ name: 'HttpError', kind: 'status', status: 404, attempts: 1, url: `${server.url}/missing` });
    expect(error.message).toBe(`GET ${server.url}/missing failed after 1 attempt: HTTP 404 Not Found: {"error":"Record not found"}`);
  });

  it('returns a status the caller accepts instead of raising it', async () => {
    server.route({ path: '/user/following/dan', responses: { status: 404 } });
    const response = await client.request({ url: `${server.url}/user/following/dan`, acceptStatus: [404] });
    expect(response.status).toBe(404);
  });
});

describe('createHttpClient: rate limits', () => {
  it('waits exactly 30 s after a 429 with Retry-After: 30, then succeeds', async () => {
    server.route({ path: '/limited', responses: fixtureFaults.rateLimited(30, { body: { ok: true } }) });
    const pending = client.request({ url: `${server.url}/limited` });
    await until(() => logger.withMessage('rate limit wait').length === 1, 'the rate-limit wait');
    expect(logger.withMessage('rate limit wait')[0]?.fields).toMatchObject({ waitMs: 30_000, until: '2026-01-01T00:00:30.000Z' });
    expect(client.nextAllowedAt(server.url)).toBe(START + 30_000);

    clock.advance(29_999);
    await realPause();
    expect(server.requests).toHaveLength(1);

    clock.advance(1);
    const response = await pending;
    expect(response.json()).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.now()).toBe(START + 30_000);
  });

  it('reads Retry-After as an HTTP date', async () => {
    server.route({ path: '/limited', responses: fixtureFaults.rateLimited(new Date(START + 45_000)) });
    const { value, waits } = await advanceThroughWaits(client.request({ url: `${server.url}/limited` }), { clock, logger });
    expect(value?.status).toBe(200);
    expect(waits).toContain(45_000);
    expect(clock.now()).toBe(START + 45_000);
  });

  const exhausted: [string, Record<string, string>, number][] = [
    [
      'X x-rate-limit-reset (epoch seconds)',
      { 'x-rate-limit-limit': '15', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(START / 1000 + 900) },
      900_000,
    ],
    [
      'GitHub X-RateLimit-Reset (epoch seconds)',
      { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(START / 1000 + 600) },
      600_000,
    ],
    [
      'Mastodon X-RateLimit-Reset (ISO-8601)',
      { 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2026-01-01T00:05:00.523287Z' },
      300_523,
    ],
    ['IETF RateLimit-Reset (delta seconds)', { 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60' }, 60_000],
    [
      'Bluesky ratelimit-reset (epoch seconds)',
      {
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(START / 1000 + 120),
        'ratelimit-policy': '3000;w=300',
      },
      120_000,
    ],
    ['IETF structured RateLimit field', { ratelimit: 'limit=10, remaining=0, reset=42' }, 42_000],
  ];

  it.each(exhausted)('holds the next request until the reset: %s', async (_style, headers, expectedWait) => {
    server.route({ path: '/budget', responses: [{ headers, body: { first: true } }, { body: { second: true } }] });
    const first = await client.request({ url: `${server.url}/budget` });
    expect(first.json()).toEqual({ first: true });
    expect(clock.now()).toBe(START);
    expect(client.nextAllowedAt(server.url)).toBe(START + expectedWait);

    const pending = client.request({ url: `${server.url}/budget` });
    await until(() => logger.withMessage('rate limit wait').length === 1, 'the rate-limit wait');
    clock.advance(expectedWait - 1);
    await realPause();
    expect(server.requests).toHaveLength(1);

    clock.advance(1);
    expect((await pending).json()).toEqual({ second: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.now()).toBe(START + expectedWait);
  });

  it("keeps each credential's budget apart on one host", async () => {
    const spent = { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(START / 1000 + 900) };
    server.route({ path: '/budget', responses: { headers: spent, body: {} } });
    await client.request({ url: `${server.url}/budget`, credential: { bearer: 'token-of-ada' } });
    expect(client.nextAllowedAt(server.url, { bearer: 'token-of-ada' })).toBe(START + 900_000);
    expect(client.nextAllowedAt(server.url, { bearer: 'token-of-dan' })).toBe(START);
    expect(client.rateLimit(`${server.url}/anything`, { bearer: 'token-of-ada' })).toMatchObject({
      remaining: 0,
      resetAt: START + 900_000,
    });
  });

  it("treats GitHub's 403 with x-ratelimit-remaining: 0 as a rate limit: waits for the reset and retries", async () => {
    const reset = String(START / 1000 + 60);
    server.route({
      path: '/users/octocat',
      responses: [
        {
          status: 403,
          headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
          body: { message: 'API rate limit exceeded' },
        },
        { body: { login: 'octocat' } },
      ],
    });
    const { value, waits } = await advanceThroughWaits(client.request({ url: `${server.url}/users/octocat` }), { clock, logger });
    expect(value?.json()).toEqual({ login: 'octocat' });
    expect(waits).toEqual([0, 60_000]);
    expect(clock.now()).toBe(START + 60_000);
  });

  it('fails at once with retryAt when the wait is longer than it may wait', async () => {
    server.route({ path: '/limited', responses: fixtureFaults.rateLimited(7200) });
    const error = await failureOf(client.request({ url: `${server.url}/limited` }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAt: START + 7_200_000 });
    expect(error.message).toContain('rate limited until 2026-01-01T02:00:00.000Z');
    expect(server.requests).toHaveLength(1);
    expect(clock.now()).toBe(START);
  });

  it('ends in a rate-limited HttpError when every attempt is limited', async () => {
    const limited = createHttpClient({ clock, logger, maxAttempts: 2 });
    server.route({ path: '/limited', responses: { status: 429, headers: { 'retry-after': '5' }, body: 'Rate limit exceeded\n' } });
    const { error } = await advanceThroughWaits(limited.request({ url: `${server.url}/limited` }), { clock, logger });
    await limited.dispose();
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      attempts: 2,
      bodyExcerpt: 'Rate limit exceeded',
      retryAt: START + 10_000,
    });
  });

  it('lets the caller abort a rate-limit wait', async () => {
    server.route({ path: '/limited', responses: fixtureFaults.rateLimited(30) });
    const abort = new AbortController();
    const pending = client.request({ url: `${server.url}/limited`, abort: abort.signal });
    await until(() => logger.withMessage('rate limit wait').length === 1, 'the rate-limit wait');
    abort.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(server.requests).toHaveLength(1);
  });
});

describe('createHttpClient: retries', () => {
  it('backs off after repeated 500s with growing delays and ends in a clear HttpError', async () => {
    const pinned = createHttpClient({ clock, logger, maxAttempts: 5, baseBackoffMs: 1000, random: () => 0.999 });
    server.route({ path: '/broken', responses: fixtureFaults.failing(10) });
    const { error, waits } = await advanceThroughWaits(pinned.request({ url: `${server.url}/broken` }), { clock, logger });
    await pinned.dispose();
    expect(waits).toEqual([999, 1998, 3996, 7992]);
    expect(server.requests).toHaveLength(5);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ name: 'HttpError', kind: 'status', status: 500, attempts: 5, url: `${server.url}/broken` });
    expect((error as HttpError).bodyExcerpt).toBe('{"error":"fixture failure 500"}');
    expect((error as HttpError).message).toBe(
      `GET ${server.url}/broken failed after 5 attempts: HTTP 500 Internal Server Error: {"error":"fixture failure 500"}`,
    );
    expect(logger.withMessage('http retry').map((line) => line.level)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });

  it('draws each backoff below a ceiling that doubles (full jitter)', async () => {
    const jittered = createHttpClient({ clock, logger, maxAttempts: 8, baseBackoffMs: 100, maxBackoffMs: 5000 });
    server.route({ path: '/broken', responses: fixtureFaults.failing(10, undefined, 503) });
    const { error, waits } = await advanceThroughWaits(jittered.request({ url: `${server.url}/broken` }), { clock, logger });
    await jittered.dispose();
    expect(error).toMatchObject({ status: 503, attempts: 8 });
    expect(waits).toHaveLength(7);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(5000, 100 * 2 ** index));
    });
  });

  it('retries 500s until the server recovers', async () => {
    server.route({ path: '/flaky', responses: fixtureFaults.failing(2, { body: { recovered: true } }) });
    const { value } = await advanceThroughWaits(client.request({ url: `${server.url}/flaky` }), { clock, logger });
    expect(value?.json()).toEqual({ recovered: true });
    expect(server.requests).toHaveLength(3);
  });

  it('times out a slow answer on the clock and succeeds on the retry', async () => {
    const patient = createHttpClient({ clock, logger, timeoutMs: 5000 });
    server.route({ path: '/slow', responses: [fixtureFaults.slow(60_000), { body: { fast: true } }] });
    const pending = patient.request({ url: `${server.url}/slow` });
    await until(() => server.requests.length === 1, 'the first attempt');
    clock.advance(5000);
    const { value } = await advanceThroughWaits(pending, { clock, logger });
    await patient.dispose();
    expect(value?.json()).toEqual({ fast: true });
    expect(logger.withMessage('http retry')[0]?.fields).toMatchObject({ reason: 'timed out after 5000 ms', attempt: 1 });
  });

  it('retries a refused connection and then fails with a network HttpError', async () => {
    const closed = await new FixtureServer().start();
    const url = `${closed.url}/gone`;
    await closed.stop();
    const { error, waits } = await advanceThroughWaits(client.request({ url }), { clock, logger });
    expect(waits).toHaveLength(3);
    expect(error).toMatchObject({ name: 'HttpError', kind: 'network', attempts: 4 });
    expect((error as HttpError).message).toContain('ECONNREFUSED');
  });

  it('does not repeat a POST after a 500, which may have been processed', async () => {
    server.route({ method: 'POST', path: '/write', responses: fixtureFaults.failing(1) });
    const error = await failureOf(client.request({ url: `${server.url}/write`, method: 'POST', body: '{}' }));
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('createHttpClient: redirects and conditional requests', () => {
  it('follows a 301 after a rename and reports the final URL', async () => {
    server.route(fixtureFaults.renamed('/repos/octo/old-name', '/repositories/42'));
    server.route({ path: '/repositories/42', responses: { body: { id: 42, name: 'new-name' } } });
    const response = await client.request({ url: `${server.url}/repos/octo/old-name` });
    expect(response.url).toBe(`${server.url}/repositories/42`);
    expect(response.json()).toEqual({ id: 42, name: 'new-name' });
  });

  it('returns the redirect itself when told to follow none', async () => {
    server.route(fixtureFaults.renamed('/repos/octo/old-name', '/repositories/42'));
    const response = await client.request({ url: `${server.url}/repos/octo/old-name`, maxRedirects: 0 });
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`${server.url}/repositories/42`);
  });

  it('gives up on a redirect loop', async () => {
    server.route(fixtureFaults.renamed('/loop', '/loop', 302));
    const error = await failureOf(client.request({ url: `${server.url}/loop` }));
    expect(error).toMatchObject({ kind: 'redirects', status: 302 });
    expect(server.requests).toHaveLength(6);
  });

  it('never sends the credential to another origin', async () => {
    const elsewhere = await new FixtureServer().start();
    try {
      elsewhere.route({ path: '/landing', responses: { body: { landed: true } } });
      server.route({ path: '/away', responses: { status: 302, headers: { location: `${elsewhere.url}/landing` } } });
      const response = await client.request({ url: `${server.url}/away`, credential: { bearer: 'never-leaves-home' } });
      expect(response.json()).toEqual({ landed: true });
      expect(server.requests[0]?.headers.authorization).toBe('Bearer never-leaves-home');
      expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await elsewhere.stop();
    }
  });

  it('turns validators into If-None-Match / If-Modified-Since; a 304 is notModified and costs no budget', async () => {
    const lastModified = 'Thu, 22 Aug 2013 02:09:11 GMT';
    const budget = { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': String(START / 1000 + 3600) };
    server.route({
      path: '/repos/octo/hello',
      responses: (request) =>
        request.headers['if-none-match'] === '"v1"'
          ? { status: 304, headers: { etag: '"v1"' } }
          : { headers: { ...budget, etag: '"v1"', 'last-modified': lastModified }, body: { name: 'hello' } },
    });
    const first = await client.request({ url: `${server.url}/repos/octo/hello` });
    expect(first.notModified).toBe(false);
    expect(first.validators).toEqual({ etag: '"v1"', lastModified });
    expect(client.rateLimit(server.url)?.remaining).toBe(59);

    const second = await client.request({ url: `${server.url}/repos/octo/hello`, validators: first.validators });
    expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, validators: { etag: '"v1"', lastModified } });
    expect(second.body).toHaveLength(0);
    expect(second.text()).toBe('');
    expect(client.rateLimit(server.url)?.remaining).toBe(59);
  });
});
