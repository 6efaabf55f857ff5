import { advanceThroughWaits, FixtureServer, type ReceivedRequest, RecordingLogger } from '@handshake/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { createHttpClient, type DisposableHttpClient } from './create-http-client.js';
import type { HttpCredential, HttpRequest } from './http-client.js';
import { paginate } from './paginate.js';
import { paginationStrategies } from './pagination-strategies.js';

const BEARER = 'canary-bearer-5c1f0e9b7d';
const HEADER = 'canary-header-8a2d4e6f1b';
const QUERY = 'canary-query-3e7b9c0a2f/+=';
const CANARIES = [BEARER, HEADER, QUERY];
const CREDENTIALS: [string, HttpCredential][] = [
  ['a bearer token', { bearer: BEARER }],
  ['a header credential', { header: 'X-Api-Key', value: HEADER }],
  ['a query credential', { query: 'api_key', value: QUERY }],
];

let server: FixtureServer;
let clock: ManualClock;
let logger: RecordingLogger;
let registered: string[];
let client: DisposableHttpClient;

/** The worst server: it echoes the request, credentials and all, into its answer. */
function echo(status: number) {
  return (request: ReceivedRequest) => ({ status, body: `you sent ${request.url} with ${JSON.stringify(request.headers)}` });
}

function leaks(text: string): string[] {
  return CANARIES.flatMap((canary) => [canary, encodeURIComponent(canary), new URLSearchParams({ v: canary }).toString().slice(2)]).filter(
    (form) => text.includes(form),
  );
}

function everythingAbout(error: unknown): string {
  const fields = error instanceof Error ? { ...error, message: error.message, stack: error.stack, string: String(error) } : { error };
  return JSON.stringify(fields);
}

beforeEach(async () => {
  server = await new FixtureServer().start();
  clock = new ManualClock('2026-01-01T00:00:00Z');
  logger = new RecordingLogger();
  registered = [];
  client = createHttpClient({
    clock,
    logger: logger.child({ plugin: '@handshake/source-test' }),
    secrets: { register: (value) => registered.push(value) },
  });
  server.route({ path: '/ok', responses: echo(200) });
  server.route({ path: '/denied', responses: echo(401) });
  server.route({ path: '/broken', responses: echo(500) });
  server.route({ path: '/moved', responses: { status: 302, headers: { location: '/ok' } } });
  server.route({
    path: '/limited',
    responses: [
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: [] },
    ],
  });
});

afterEach(async () => {
  await client.dispose();
  await server.stop();
});

describe.each(CREDENTIALS)('%s', (_kind, credential) => {
  it('is sent to the server, registered as a secret, and appears in no log line and no error', async () => {
    const request = (path: string): HttpRequest => ({ url: `${server.url}${path}?page=2`, credential });
    const errors: unknown[] = [];
    await client.request(request('/ok'));
    await client.request(request('/moved'));
    await advanceThroughWaits(client.request(request('/limited')), { clock, logger });
    for (const path of ['/denied', '/broken']) {
      const { error } = await advanceThroughWaits(client.request(request(path)), { clock, logger });
      errors.push(error);
    }
    const closed = await new FixtureServer().start();
    const closedUrl = closed.url;
    await closed.stop();
    errors.push((await advanceThroughWaits(client.request({ url: `${closedUrl}/gone`, credential }), { clock, logger })).error);
    for await (const _page of paginate(client, request('/ok'), { strategy: paginationStrategies.linkHeader(), logger })) {
      // One page: the answer has no Link header.
    }

    const sent = JSON.stringify(server.requests.map((received) => [received.url, received.headers]));
    expect(leaks(sent).length).toBeGreaterThan(0);
    expect(registered).toEqual(['bearer' in credential ? credential.bearer : credential.value]);

    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(leaks(everythingAbout(error))).toEqual([]);
    }
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(leaks(logger.text())).toEqual([]);
    expect(logger.text()).toContain('page=2');
  });
});

it('keeps a credential out of the response URL the caller gets', async () => {
  const response = await client.request({ url: `${server.url}/ok?page=2`, credential: { query: 'api_key', value: QUERY } });
  expect(response.url).toBe(`${server.url}/ok?page=2`);
});
