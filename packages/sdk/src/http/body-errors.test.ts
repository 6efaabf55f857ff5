import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { advanceThroughWaits, FixtureServer, RecordingLogger } from '@handshake/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { bodyErrors } from './body-errors.js';
import { createHttpClient, type DisposableHttpClient } from './create-http-client.js';
import { HttpError } from './http-error.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);

let server: FixtureServer;
let clock: ManualClock;
let logger: RecordingLogger;
let client: DisposableHttpClient;

beforeAll(async () => {
  server = await new FixtureServer().start();
  clock = new ManualClock('2026-01-01T00:00:00Z');
  logger = new RecordingLogger();
  client = createHttpClient({ clock, logger });
});

afterAll(async () => {
  await client.dispose();
  await server.stop();
});

/** Serves the body with HTTP 200 and requests it with the checker. */
async function fetchWith(path: string, body: unknown, checker: (body: unknown) => unknown, contentType?: string) {
  server.route({ path, responses: { body, ...(contentType && { headers: { 'content-type': contentType } }) } });
  return client.request({ url: `${server.url}${path}`, bodyError: checker as (body: unknown) => undefined });
}

async function errorOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('errors inside a 200', () => {
  it('raises Flickr stat: fail with its code and message', async () => {
    const error = await errorOf(fetchWith('/flickr/fail', { stat: 'fail', code: 98, message: 'Invalid auth token' }, bodyErrors.flickr));
    expect(error).toMatchObject({ kind: 'body', status: 200, attempts: 1 });
    expect(error.message).toContain('Flickr error 98: Invalid auth token');
  });

  it('lets a Flickr success through, and retries Flickr 105 (service unavailable)', async () => {
    expect((await fetchWith('/flickr/ok', { contacts: { page: 1 }, stat: 'ok' }, bodyErrors.flickr)).json()).toMatchObject({ stat: 'ok' });
    server.route({
      path: '/flickr/busy',
      responses: [{ body: { stat: 'fail', code: '105', message: 'Service currently unavailable' } }, { body: { stat: 'ok' } }],
    });
    const { value } = await advanceThroughWaits(client.request({ url: `${server.url}/flickr/busy`, bodyError: bodyErrors.flickr }), {
      clock,
      logger,
    });
    expect(value?.json()).toEqual({ stat: 'ok' });
  });

  it('raises Tumblr meta.status ≥ 400, in JSON and in JSONP (always HTTP 200)', async () => {
    const json = await errorOf(
      fetchWith(
        '/tumblr/json',
        { meta: { status: 404, msg: 'Not Found' }, response: [], errors: [{ title: 'Not Found', code: 0 }] },
        bodyErrors.tumblr,
      ),
    );
    expect(json).toMatchObject({ kind: 'body', status: 404 });
    expect(json.message).toContain('Tumblr 404 Not Found: Not Found');
    const jsonp = await errorOf(
      fetchWith(
        '/tumblr/jsonp',
        'callback({"meta":{"status":401,"msg":"Unauthorized"},"response":[]});',
        bodyErrors.tumblr,
        'application/javascript',
      ),
    );
    expect(jsonp).toMatchObject({ status: 401 });
  });

  it('treats Tumblr meta.status 429 as a rate limit and retries', async () => {
    server.route({
      path: '/tumblr/limited',
      responses: [
        { body: { meta: { status: 429, msg: 'Limit Exceeded' }, response: [] } },
        { body: { meta: { status: 200, msg: 'OK' }, response: { ok: 1 } } },
      ],
    });
    const { value, waits } = await advanceThroughWaits(
      client.request({ url: `${server.url}/tumblr/limited`, bodyError: bodyErrors.tumblr }),
      {
        clock,
        logger,
      },
    );
    expect(value?.json()).toMatchObject({ response: { ok: 1 } });
    expect(waits.length).toBeGreaterThan(0);
  });

  it('raises X errors[] without data, and gives X data with errors to the caller', async () => {
    const missing = {
      errors: [
        {
          detail: 'Could not find tweet with id: [1].',
          title: 'Not Found Error',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
    };
    const error = await errorOf(fetchWith('/x/deleted', missing, bodyErrors.x));
    expect(error.message).toContain('X error: Not Found Error: Could not find tweet with id: [1].');
    const partial = { data: [{ id: '20', text: 'just setting up my twttr' }], errors: missing.errors };
    const response = await fetchWith('/x/partial', partial, bodyErrors.x);
    expect(response.json()).toEqual(partial);
  });
});

describe.skipIf(!HAS_CORPUS)(`errors inside a 200, on the corpus${HAS_CORPUS ? '' : ` (skipped: ${CORPUS} is absent)`}`, () => {
  const read = (path: string): unknown => JSON.parse(readFileSync(`${CORPUS}${path}`, 'utf8'));

  it("passes Flickr's own stat: ok answers, and raises a stat: fail built from its documented error codes", () => {
    const answer = read('flickr/reflection-getMethodInfo/flickr.contacts.getList.json') as {
      errors: { error: { code: number; message: string }[] };
    };
    expect(bodyErrors.flickr(answer)).toBeUndefined();
    const loginFailed = answer.errors.error.find((error) => error.code === 98);
    expect(bodyErrors.flickr({ stat: 'fail', code: loginFailed?.code, message: loginFailed?.message })?.message).toBe(
      'Flickr error 98: Login failed / Invalid auth token',
    );
  });

  it('raises the Tumblr docs error example and passes the success example', () => {
    expect(bodyErrors.tumblr(read('tumblr/official-doc-examples/error-400-subcode.json'))).toMatchObject({ status: 400, code: '8001' });
    expect(bodyErrors.tumblr(read('tumblr/official-doc-examples/notes-mode-all.json'))).toBeUndefined();
  });

  it('raises the recorded X deleted tweet, and passes the recorded partial success', () => {
    const body = (name: string) => (read(`twitter/api-v2-postman-examples/${name}.json`) as { body: unknown }).body;
    expect(bodyErrors.x(body('single-tweet-200-success-deleted-tweet'))?.message).toContain('Could not find tweet');
    expect(bodyErrors.x(body('multiple-tweets-200-success-1-deleted-1-valid-tweet'))).toBeUndefined();
    expect(bodyErrors.x(body('users-by-username-200-success-some-users-not-found'))).toBeUndefined();
  });
});
