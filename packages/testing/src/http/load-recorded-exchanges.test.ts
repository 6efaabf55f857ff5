import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  bodyErrors,
  createHttpClient,
  type DisposableHttpClient,
  HttpError,
  type HttpResponse,
  ManualClock,
  paginate,
  paginationStrategies,
} from '@handshake/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureServer } from './fixture-server.js';
import { detectRecordingFormat, loadRecordedExchanges, type RecordingFormat, recordingFormats } from './load-recorded-exchanges.js';
import type { RecordedExchange } from './recorded-exchange.js';
import { RecordingLogger } from './recording-logger.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);

const RECORDINGS: [string, RecordingFormat][] = [
  ['mastodon/api-recordings', 'vcr'],
  ['twitter/api-v2-recordings', 'vcr'],
  ['twitter/api-v2-postman-examples', 'postman'],
  ['github/octokit-fixtures', 'octokit'],
  ['github/pygithub-replaydata', 'pygithub'],
];

/** Every status a recording holds: the replay check wants each answer as it was, not raised or retried. */
const EVERY_STATUS = Array.from({ length: 500 }, (_, index) => index + 100);

let server: FixtureServer;
let clock: ManualClock;
let logger: RecordingLogger;
let client: DisposableHttpClient;

beforeEach(async () => {
  server = await new FixtureServer().start();
  // Later than every recorded rate-limit reset, so no replayed budget makes a test wait.
  clock = new ManualClock('2030-01-01T00:00:00Z');
  logger = new RecordingLogger();
  client = createHttpClient({ clock, logger, maxAttempts: 1 });
});

afterEach(async () => {
  await client.dispose();
  await server.stop();
});

/** A recorded URL on the fixture server. */
function local(url: string): string {
  const parsed = new URL(url);
  return `${server.url}${parsed.pathname}${parsed.search}`;
}

async function load(path: string): Promise<RecordedExchange[]> {
  return loadRecordedExchanges(`${CORPUS}${path}`);
}

describe('recording formats, on hand-written recordings', () => {
  it('reads a VCR cassette: status object, header lists, JSON body', () => {
    const [exchange] = recordingFormats.vcr([
      {
        request: { method: 'GET', uri: 'http://localhost:3000/api/v1/bookmarks' },
        response: {
          status: { code: 200, message: 'OK' },
          headers: { Link: ['<http://localhost:3000/api/v1/bookmarks?max_id=1>; rel="next"'], 'Content-Length': ['2'] },
          body: [],
        },
      },
    ]);
    expect(exchange).toMatchObject({
      method: 'GET',
      status: 200,
      headers: { link: '<http://localhost:3000/api/v1/bookmarks?max_id=1>; rel="next"' },
    });
    expect(exchange?.headers['content-length']).toBeUndefined();
    expect(exchange?.body.toString()).toBe('[]');
  });

  it('reads nock raw headers and scopes with a port', () => {
    const [exchange] = recordingFormats.octokit([
      {
        scope: 'https://api.github.com:443',
        method: 'get',
        path: '/repos/o/r?x=1',
        status: 301,
        response: { url: 'u' },
        rawHeaders: ['Location', 'https://api.github.com/repositories/1', 'Content-Encoding', 'gzip'],
      },
    ]);
    expect(exchange).toMatchObject({
      method: 'GET',
      url: 'https://api.github.com/repos/o/r?x=1',
      status: 301,
      headers: { location: 'https://api.github.com/repositories/1' },
    });
    expect(exchange?.headers['content-encoding']).toBeUndefined();
  });

  it('tells the formats apart, and names the file when it knows none', async () => {
    expect(detectRecordingFormat([{ request: { url: 'https://api.github.com/' }, response: { status: 200 } }])).toBe('pygithub');
    expect(detectRecordingFormat({ name: 'x', request: 'https://api.x.com/2/users/:id', status: 200, headers: [] })).toBe('postman');
    expect(detectRecordingFormat({ hello: 'world' })).toBeUndefined();
    await expect(loadRecordedExchanges(fileURLToPath(new URL('../../package.json', import.meta.url)))).rejects.toThrow(
      /package\.json: not a recording format/,
    );
  });
});

describe.skipIf(!HAS_CORPUS)(
  `corpus recordings replayed through the FixtureServer${HAS_CORPUS ? '' : ` (skipped: ${CORPUS} is absent)`}`,
  () => {
    for (const [folder, format] of RECORDINGS) {
      it(`replays every exchange of ${folder} with its recorded status and body`, async () => {
        const files = readdirSync(`${CORPUS}${folder}`).filter((file) => file.endsWith('.json'));
        expect(files.length).toBeGreaterThan(0);
        for (const file of files) {
          const exchanges = await load(`${folder}/${file}`);
          expect(detectRecordingFormat(JSON.parse(readFileSync(`${CORPUS}${folder}/${file}`, 'utf8')))).toBe(format);
          server.reset();
          server.replay(exchanges);
          // A fresh client per file: a recorded Retry-After must not hold back the next file's requests.
          const replayer = createHttpClient({ clock, logger, maxAttempts: 1 });
          try {
            for (const exchange of exchanges) {
              const response = await replayer.request({
                url: local(exchange.url),
                method: exchange.method as 'GET',
                maxRedirects: 0,
                acceptStatus: EVERY_STATUS,
              });
              expect(response.status, `${file}: ${exchange.method} ${exchange.url}`).toBe(exchange.status);
              if (exchange.status !== 304 && exchange.method !== 'HEAD')
                expect(response.body.equals(exchange.body), `${file}: body of ${exchange.url}`).toBe(true);
            }
          } finally {
            await replayer.dispose();
          }
          expect(server.unmatched).toEqual([]);
        }
      });
    }

    it('pages through a Mastodon hashtag timeline by its Link headers to the empty last page', async () => {
      const exchanges = await load('mastodon/api-recordings/pagination_iterator.json');
      server.replay(exchanges);
      const first = exchanges.find(
        (exchange) => exchange.url.includes('/timelines/tag/') && exchange.url.endsWith('limit=10'),
      ) as RecordedExchange;
      const pages = [];
      for await (const page of paginate(client, { url: local(first.url) }, { strategy: paginationStrategies.linkHeader(), logger }))
        pages.push(page);
      expect(pages.map((page) => page.items.length)).toEqual([10, 10, 10, 0]);
      expect(new Set(pages.flatMap((page) => page.items.map((status) => (status as { id: string }).id))).size).toBe(30);
      expect(pages[1]?.cursor).toBe(
        `${server.url}/api/v1/timelines/tag/fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp?limit=10&max_id=117020582177108552`,
      );
      expect(logger.withMessage('pagination ended')[0]?.fields.reason).toBe('last page');
    });

    it('pages through GitHub issues by Link rel="next", across the /repositories/<id> URLs GitHub links to', async () => {
      const exchanges = await load('github/octokit-fixtures/paginate-issues.raw.json');
      server.replay(exchanges);
      const first = exchanges.find((exchange) => exchange.method === 'GET') as RecordedExchange;
      const pages = [];
      for await (const page of paginate(client, { url: local(first.url) }, { strategy: paginationStrategies.linkHeader(), logger }))
        pages.push(page);
      expect(pages).toHaveLength(5);
      expect(pages.flatMap((page) => page.items.map((issue) => (issue as { number: number }).number)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 13 }, (_, index) => index + 1),
      );
    });

    it("follows GitHub's 301 after a repository rename to /repositories/<id>", async () => {
      const exchanges = await load('github/octokit-fixtures/rename-repository.raw.json');
      server.replay(exchanges);
      const moved = exchanges.find((exchange) => exchange.status === 301) as RecordedExchange;
      const response = await client.request({ url: local(moved.url) });
      expect(response.url).toBe(`${server.url}/repositories/515436299`);
      expect(response.json()).toMatchObject({ id: 515436299 });
    });

    it("gets PyGithub's recorded 304 for its validators, and the same validators back", async () => {
      const [exchange] = await load('github/pygithub-replaydata/ConditionalRequestUpdate.testDidNotUpdate.json');
      server.replay(exchange ? [exchange] : []);
      const validators = { etag: exchange?.requestHeaders['if-none-match'], lastModified: exchange?.requestHeaders['if-modified-since'] };
      const response = await client.request({ url: local(exchange?.url ?? ''), validators });
      expect(response).toMatchObject({ status: 304, notModified: true, validators });
    });

    it("raises GitHub's recorded 403 with x-ratelimit-remaining: 0 as a rate limit", async () => {
      const exchanges = await load('github/pygithub-replaydata/SpecificExceptions.testRateLimitExceeded.json');
      server.replay(exchanges);
      const url = local(exchanges[0]?.url ?? '');
      await client.request({ url });
      const error = await client.request({ url }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ kind: 'rate-limited', status: 403 });
      expect((error as HttpError).bodyExcerpt).toContain('API Rate Limit Exceeded');
    });

    it("reads X's recorded rate-limit headers into the limiter", async () => {
      const exchanges = await load('twitter/api-v2-recordings/get_users_following.json');
      server.replay(exchanges, { query: 'ignore' });
      const response: HttpResponse = await client.request({ url: `${local(exchanges[0]?.url ?? '')}?max_results=1000` });
      expect(response.json()).toMatchObject({ data: expect.any(Array) });
      expect(client.rateLimit(server.url)).toMatchObject({ limit: 15, remaining: 14, resetAt: 1_618_286_773_000 });
    });

    it("raises X's recorded text/plain 429 as a rate limit with its epoch reset", async () => {
      const exchanges = await load('twitter/api-v2-postman-examples/user-by-id-429-rate-limit-exceeded.json');
      server.replay(exchanges);
      const recordedAt = new ManualClock('2020-06-26T15:34:56Z');
      const limited = createHttpClient({ clock: recordedAt, logger, maxAttempts: 1 });
      const error = await limited.request({ url: `${server.url}/2/users/2244994945` }).catch((thrown: unknown) => thrown);
      await limited.dispose();
      expect(error).toMatchObject({
        name: 'HttpError',
        kind: 'rate-limited',
        status: 429,
        bodyExcerpt: 'Rate limit exceeded',
        retryAt: 1_593_186_139_000,
      });
    });

    it('raises the recorded X deleted tweet inside a 200, and hands over the recorded partial success', async () => {
      server.replay(await load('twitter/api-v2-postman-examples/single-tweet-200-success-deleted-tweet.json'), { query: 'ignore' });
      server.replay(await load('twitter/api-v2-postman-examples/multiple-tweets-200-success-1-deleted-1-valid-tweet.json'));
      const deleted = await client
        .request({ url: `${server.url}/2/tweets/1276230436478386177`, bodyError: bodyErrors.x })
        .catch((thrown: unknown) => thrown);
      expect(deleted).toMatchObject({ kind: 'body', status: 200 });
      const partial = await client.request({ url: `${server.url}/2/tweets?ids=20,1276230436478386177`, bodyError: bodyErrors.x });
      expect(partial.json()).toMatchObject({ data: [{ id: '20' }], errors: [{ title: 'Not Found Error' }] });
    });
  },
);
