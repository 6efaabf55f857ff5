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
  ADA,
  CANARY_KEY,
  contact,
  contactsPage,
  DAN,
  ERIC,
  flickrFail,
  NEB,
  personInfo,
  photosPage,
  REST_PATH,
  restRoute,
} from './__fixtures__/flickr-fixtures.js';
import { FlickrReadError } from './flickr-read-error.js';
import { flickrSourceModule } from './index.js';

const server = new FixtureServer();
const logger = new RecordingLogger();
const clock = new ManualClock('2026-01-10T12:00:00Z');
// The host's wiring: a real HTTP client (4 attempts, backoff, Retry-After) on the manual clock.
const plugin = loadPluginModule(flickrSourceModule, { clock, logger, plugin: '@handshake/source-flickr' });
const source = plugin.source('flickr') as SourceContribution<unknown>;
const plan: RunSourceOptions['plan'] = { me: [{ network: 'flickr', id: ADA }] };
const options = { baseUrl: '', apiKey: CANARY_KEY, recentPhotos: 0, perPage: 2 };
const errors: unknown[] = [];

/** Reads once, moving the clock through every wait the client sleeps. */
async function read(readOptions: RunSourceOptions = { plan }) {
  const { value, waits } = await advanceThroughWaits(
    readSource(source, { ...options, baseUrl: `${server.url}${REST_PATH}` }, readOptions),
    {
      clock,
      logger,
    },
  );
  if (value?.error !== undefined) errors.push(value.error);
  return { ...(value as NonNullable<typeof value>), waits };
}

beforeAll(async () => {
  await server.start();
});

afterEach(() => server.reset());

afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

describe('flickr source under faults', () => {
  it("waits out a 429's Retry-After and Flickr's 105 (service unavailable) on the clock, then goes on", async () => {
    const profile = server.route(
      restRoute('flickr.people.getInfo', { user_id: ADA }, [flickrFail(105, 'Service currently unavailable'), personInfo(ADA, 'ada_l')]),
    );
    const contacts = server.route(
      restRoute(
        'flickr.contacts.getPublicList',
        { user_id: ADA },
        fixtureFaults.rateLimited(30, contactsPage(1, 1, 1, [contact(DAN, 'dan_example')])),
      ),
    );
    server.route(restRoute('flickr.favorites.getPublicList', { user_id: ADA }, photosPage([])));
    const started = clock.now();
    const run = await read();
    expect(run.error).toBeUndefined();
    expect(profile.hits).toBe(2);
    expect(contacts.hits).toBe(2);
    expect(run.waits).toContain(30_000);
    expect(clock.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(run.signals.map((signal) => signal.id)).toEqual([`flickr:follow:${ADA}>${DAN}`]);
  });

  it('ends repeated 500s in an error naming the URL without the key, keeps the cursor before the failed page, and resumes there', async () => {
    server.route(restRoute('flickr.people.getInfo', { user_id: ADA }, personInfo(ADA, 'ada_l')));
    server.route(
      restRoute(
        'flickr.contacts.getPublicList',
        { user_id: ADA, page: '1' },
        contactsPage(1, 2, 3, [contact(DAN, 'dan_example'), contact(ERIC, 'Eric')]),
      ),
    );
    const second = server.route(
      restRoute(
        'flickr.contacts.getPublicList',
        { user_id: ADA, page: '2' },
        fixtureFaults.failing(4, contactsPage(2, 2, 3, [contact(NEB, 'neb')])),
      ),
    );
    const favorites = server.route(restRoute('flickr.favorites.getPublicList', { user_id: ADA }, photosPage([])));

    const failed = await read();
    expect(failed.error).toBeInstanceOf(FlickrReadError);
    const message = (failed.error as Error).message;
    expect(message).toContain(
      `flickr: cannot read the contacts of ${ADA}: GET ${server.url}${REST_PATH}?method=flickr.contacts.getPublicList`,
    );
    expect(message).toContain('&page=2&');
    expect(message).toContain('failed after 4 attempts: HTTP 500 Internal Server Error');
    expect(message).not.toContain(CANARY_KEY);
    expect((failed.error as Error).cause).toBeInstanceOf(HttpError);
    expect(second.hits).toBe(4);
    expect(favorites.hits).toBe(0);
    // Page 1 was committed with a cursor that goes on at page 2, and nothing past it.
    expect(failed.signals.map((signal) => signal.subject.id)).toEqual([DAN, ERIC]);
    expect(JSON.parse(failed.cursor as string).accounts[ADA].contacts).toEqual({ pass: { page: '2' } });

    const resumed = await read({ plan, cursor: failed.cursor });
    expect(resumed.error).toBeUndefined();
    const contactRequests = server.requests.filter((request) => request.query.method === 'flickr.contacts.getPublicList').slice(5);
    expect(contactRequests.map((request) => request.query.page)).toEqual(['2']);
    expect(resumed.signals.map((signal) => signal.subject.id)).toEqual([NEB]);
    expect(JSON.parse(resumed.cursor as string).accounts[ADA].contacts).toEqual({ readAt: clock.now() });
  });

  it('ends lists that would loop: pages that repeat the same items, and an empty page that names a next one', async () => {
    server.route(restRoute('flickr.people.getInfo', { user_id: ADA }, personInfo(ADA, 'ada_l')));
    // Every page is page 1 again, of "99".
    const contacts = server.route(
      restRoute('flickr.contacts.getPublicList', { user_id: ADA }, contactsPage(1, 99, 198, [contact(DAN, 'dan_example')])),
    );
    const favorites = server.route(
      restRoute('flickr.favorites.getPublicList', { user_id: ADA }, (request) =>
        request.query.page === '1'
          ? photosPage([{ id: '7001', owner: DAN, ownername: 'Dan', title: 'Pier', date_faved: '1767000000' }], 1, 5)
          : photosPage([], Number(request.query.page), 5),
      ),
    );
    const run = await read();
    expect(run.error).toBeUndefined();
    expect(contacts.hits).toBe(2);
    expect(favorites.hits).toBe(2);
    expect(run.signals.map((signal) => signal.kind)).toEqual(['follow', 'like']);
    expect(logger.withMessage('pagination stopped').map((line) => line.fields.reason)).toEqual(
      expect.arrayContaining(['no new items', 'empty page with a cursor']),
    );
    const cursor = JSON.parse(run.cursor as string).accounts[ADA];
    expect(cursor.contacts).toEqual({ readAt: clock.now() });
    expect(cursor.favorites).toEqual({ since: 1767000000, readAt: clock.now() });
  });

  it('raises an error inside a 200 (stat: fail) clearly, without the key the server echoed', async () => {
    server.route(
      restRoute('flickr.people.getInfo', { user_id: ADA }, flickrFail(100, `Invalid API Key (Key has invalid format: ${CANARY_KEY})`)),
    );
    const run = await read();
    expect(run.batches).toEqual([]);
    expect(run.error).toBeInstanceOf(FlickrReadError);
    const message = (run.error as Error).message;
    expect(message).toContain(`flickr: cannot read the profile of ${ADA}: GET ${server.url}${REST_PATH}?method=flickr.people.getInfo`);
    expect(message).toContain('failed after 1 attempt: Flickr error 100: Invalid API Key (Key has invalid format: [redacted])');
    expect(message).not.toContain(CANARY_KEY);
  });

  it('never lets the key into a log line, an error or a cursor', () => {
    expect(errors.length).toBeGreaterThan(0);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.text()).not.toContain(CANARY_KEY);
    for (const error of errors) {
      expect(String(error)).not.toContain(CANARY_KEY);
      expect(
        JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause), stack: (error as Error).stack }),
      ).not.toContain(CANARY_KEY);
    }
  });
});
