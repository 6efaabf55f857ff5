import { ManualClock, type SourceContribution } from '@handshake/sdk';
import { crawlPlan, FixtureServer, loadPluginModule, RecordingLogger, readSource } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  CAL,
  CANARY_KEY,
  comment,
  commentsOf,
  contact,
  contactsPage,
  DAN,
  ERIC,
  faver,
  faversOf,
  favoritePhoto,
  flickrFail,
  flickrOk,
  GRACE,
  personInfo,
  photosPage,
  publicPhoto,
  REST_PATH,
  restRoute,
} from './__fixtures__/flickr-fixtures.js';
import { flickrSourceModule } from './index.js';

const server = new FixtureServer();
const logger = new RecordingLogger();
const clock = new ManualClock('2026-01-10T12:00:00Z');
const plugin = loadPluginModule(flickrSourceModule, { clock, logger, plugin: '@handshake/source-flickr' });
const source = plugin.source('flickr') as SourceContribution<unknown>;
const plan = { me: [{ network: 'flickr', id: ADA }], targets: [{ network: 'flickr', id: DAN }] };
const options = () => ({ baseUrl: `${server.url}${REST_PATH}`, apiKey: CANARY_KEY, accounts: ['grace_h'], perPage: 2 });
const methods = () => server.requests.map((request) => request.query.method);

beforeAll(async () => {
  await server.start();
});

afterEach(() => server.reset());

afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

/** Ada (the user), Dan (a target) and Grace, whose account is deleted, as the API shows them on a first read. */
function firstWorld(): void {
  server.route(
    restRoute(
      'flickr.people.findByUsername',
      { username: 'grace_h' },
      flickrOk('user', { id: GRACE, nsid: GRACE, username: { _content: 'grace_h' } }),
    ),
  );
  server.route(restRoute('flickr.people.getInfo', { user_id: ADA }, personInfo(ADA, 'ada_l', 'Ada Lovelace')));
  server.route(restRoute('flickr.people.getInfo', { user_id: DAN }, personInfo(DAN, 'dan_example', 'Dan Example')));
  server.route(restRoute('flickr.people.getInfo', { user_id: GRACE }, flickrFail(5, 'User deleted')));
  server.route(
    restRoute('flickr.contacts.getPublicList', { user_id: ADA, page: '1' }, contactsPage(1, 1, 1, [contact(DAN, 'dan_example')])),
  );
  server.route(
    restRoute(
      'flickr.contacts.getPublicList',
      { user_id: DAN, page: '1' },
      contactsPage(1, 2, 4, [
        contact(ERIC, 'Eric', { realname: 'Eric Costello', friend: 1, family: 0 }),
        { username: 'ghost', iconserver: '0' },
      ]),
    ),
  );
  server.route(
    restRoute(
      'flickr.contacts.getPublicList',
      { user_id: DAN, page: '2' },
      contactsPage(2, 2, 4, [contact(CAL, 'cal_abc', { friend: '1', family: '1' }), contact(DAN, 'dan_example')]),
    ),
  );
  server.route(
    restRoute(
      'flickr.favorites.getPublicList',
      { user_id: ADA },
      photosPage([favoritePhoto('5301', DAN, 'Dan Example', '1767100000', 'Harbour at dusk')]),
    ),
  );
  server.route(
    restRoute(
      'flickr.favorites.getPublicList',
      { user_id: DAN },
      photosPage([
        favoritePhoto('7001', GRACE, 'Grace H', '1767000000', 'Bridge'),
        favoritePhoto('5302', DAN, 'Dan Example', '1766900000', 'Fog'),
        favoritePhoto('7002', GRACE, 'Grace H', '0', 'Undated'),
      ]),
    ),
  );
  server.route(restRoute('flickr.people.getPublicPhotos', { user_id: ADA }, photosPage([])));
  server.route(
    restRoute(
      'flickr.people.getPublicPhotos',
      { user_id: DAN },
      photosPage([publicPhoto('5301', DAN, 'Harbour at dusk', { comments: '3', faves: '1' }), publicPhoto('5302', DAN, 'Fog')]),
    ),
  );
  server.route(
    restRoute(
      'flickr.photos.comments.getList',
      { photo_id: '5301' },
      commentsOf('5301', [
        comment('6065-5301-72157720000000001', ADA, 'ada_l', '1767200000', 'Lovely light!'),
        comment('6065-5301-72157720000000002', DAN, 'dan_example', '1767200100', 'Thanks!'),
        comment('6065-5301-72157720000000003', '99999999999@N09', 'gone', '1767200200', 'buy now', { author_is_deleted: 1 }),
      ]),
    ),
  );
  server.route(restRoute('flickr.photos.comments.getList', { photo_id: '5302' }, commentsOf('5302')));
  server.route(
    restRoute('flickr.photos.getFavorites', { photo_id: '5301' }, faversOf('5301', [faver(ADA, 'ada_l', '1767100000', 'Ada Lovelace')])),
  );
  server.route(restRoute('flickr.photos.getFavorites', { photo_id: '5302' }, faversOf('5302', [], 1, 0)));
}

describe('flickr source', () => {
  it("reads the plan's accounts and the options' usernames: contacts, favorites, and the comments and favers of recent photos", async () => {
    firstWorld();
    const run = await readSource(source, options(), { plan });
    expect(run.error).toBeUndefined();
    expect(server.unmatched).toEqual([]);
    const url = (method: string, query: string) => `${server.url}${REST_PATH}?method=${method}&${query}&format=json&nojsoncallback=1`;
    const contactsOfDan = (page: number) =>
      url('flickr.contacts.getPublicList', `user_id=${encodeURIComponent(DAN)}&per_page=2&page=${page}`);

    expect(run.signals).toEqual([
      {
        id: `flickr:follow:${ADA}>${DAN}`,
        network: 'flickr',
        kind: 'follow',
        actor: { network: 'flickr', id: ADA },
        subject: { network: 'flickr', id: DAN },
        at: '2026-01-10T11:59:00Z',
        rawAt: 'Sat, 10 Jan 2026 11:59:00 GMT',
        object: { url: `https://www.flickr.com/people/${DAN}/` },
      },
      {
        id: `flickr:photo/5301/fave/${ADA}`,
        network: 'flickr',
        kind: 'like',
        actor: { network: 'flickr', id: ADA },
        subject: { network: 'flickr', id: DAN },
        at: '2025-12-30T13:06:40Z',
        rawAt: '1767100000',
        object: { url: `https://www.flickr.com/photos/${DAN}/5301/`, text: 'Harbour at dusk' },
      },
      expect.objectContaining({
        id: `flickr:follow:${DAN}>${ERIC}`,
        kind: 'follow',
        object: { url: `https://www.flickr.com/people/${ERIC}/`, text: 'marked as friend' },
      }),
      expect.objectContaining({
        id: `flickr:follow:${DAN}>${CAL}`,
        object: { url: `https://www.flickr.com/people/${CAL}/`, text: 'marked as friend and family' },
      }),
      expect.objectContaining({
        id: `flickr:photo/7001/fave/${DAN}`,
        kind: 'like',
        subject: { network: 'flickr', id: GRACE },
        at: '2025-12-29T09:20:00Z',
      }),
      {
        id: 'flickr:comment/6065-5301-72157720000000001',
        network: 'flickr',
        kind: 'comment',
        actor: { network: 'flickr', id: ADA },
        subject: { network: 'flickr', id: DAN },
        at: '2025-12-31T16:53:20Z',
        rawAt: '1767200000',
        object: { url: 'https://www.flickr.com/photos/dan/5301/#comment72157720000000001', text: 'Lovely light!' },
      },
      // The same fact as Ada's favorite above, seen from Dan's side: the same id, stored once.
      expect.objectContaining({ id: `flickr:photo/5301/fave/${ADA}`, kind: 'like', actor: { network: 'flickr', id: ADA } }),
    ]);

    expect(run.rejected).toEqual([
      { where: `${contactsOfDan(1)} (page 1, item 1)`, reason: 'nsid: expected an NSID such as 12037949629@N01, received nothing' },
      {
        where: `${url('flickr.favorites.getPublicList', `user_id=${encodeURIComponent(DAN)}&extras=owner_name%2Cdate_upload&per_page=2&max_fave_date=1768046400&page=1`)} (page 1, item 2)`,
        reason: 'date_faved: expected unix seconds, received "0"',
      },
    ]);
    expect(run.skipped.map((skip) => skip.reason)).toEqual([
      'the account lists itself as a contact: no relationship in it',
      "a favorite of the account's own photo 5302: no relationship in it",
      "comment 6065-5301-72157720000000002: the owner's own comment on their photo, no relationship in it",
      "comment 6065-5301-72157720000000003: its author's account is deleted",
      'Flickr error 5: User deleted: nothing of 33333333333@N03 is read',
    ]);
    expect(run.skipped[0]?.where).toBe(`${contactsOfDan(2)} (page 2, item 1)`);
    expect(run.skipped[4]?.where).toBe(url('flickr.people.getInfo', `user_id=${encodeURIComponent(GRACE)}`));

    const ada = run.identities.filter((identity) => identity.id === ADA);
    expect(Object.assign({}, ...ada)).toEqual({
      network: 'flickr',
      id: ADA,
      handle: 'ada_l',
      displayName: 'Ada Lovelace',
      url: `https://www.flickr.com/people/${ADA}/`,
      followingCount: 1,
    });
    expect(run.identities).toContainEqual({ network: 'flickr', id: GRACE, handle: 'grace_h' });
    expect(run.identities).toContainEqual({
      network: 'flickr',
      id: ERIC,
      handle: 'Eric',
      displayName: 'Eric Costello',
      url: `https://www.flickr.com/people/${ERIC}/`,
    });
    expect(run.identities).toContainEqual(expect.objectContaining({ id: DAN, followingCount: 4 }));

    for (const request of server.requests)
      expect(request.query).toMatchObject({ api_key: CANARY_KEY, format: 'json', nojsoncallback: '1' });
    expect(run.batches.every((batch) => !batch.cursor.includes(CANARY_KEY))).toBe(true);
    expect(logger.text()).not.toContain(CANARY_KEY);
  });

  it('re-polls only what is new: profiles and contacts wait for their refresh, favorites ask from the newest date read, untouched photos are not asked about', async () => {
    firstWorld();
    const first = await readSource(source, options(), { plan });
    expect(first.error).toBeUndefined();
    server.reset();
    clock.advance(3_600_000);

    server.route(
      restRoute(
        'flickr.people.findByUsername',
        { username: 'grace_h' },
        flickrOk('user', { id: GRACE, nsid: GRACE, username: { _content: 'grace_h' } }),
      ),
    );
    server.route(restRoute('flickr.people.getInfo', { user_id: GRACE }, flickrFail('5', 'User deleted')));
    const adaFavorites = server.route(
      restRoute(
        'flickr.favorites.getPublicList',
        { user_id: ADA },
        photosPage([favoritePhoto('5301', DAN, 'Dan Example', '1767100000', 'Harbour at dusk')]),
      ),
    );
    const danFavorites = server.route(
      restRoute(
        'flickr.favorites.getPublicList',
        { user_id: DAN },
        photosPage([
          favoritePhoto('7003', GRACE, 'Grace H', '1767300000', 'Pier'),
          favoritePhoto('7001', GRACE, 'Grace H', '1767000000', 'Bridge'),
        ]),
      ),
    );
    server.route(restRoute('flickr.people.getPublicPhotos', { user_id: ADA }, photosPage([])));
    server.route(
      restRoute(
        'flickr.people.getPublicPhotos',
        { user_id: DAN },
        photosPage([
          publicPhoto('5303', DAN, 'Gulls', { comments: '1', faves: '0' }),
          publicPhoto('5301', DAN, 'Harbour at dusk', { comments: '3', faves: '1' }),
        ]),
      ),
    );
    server.route(
      restRoute(
        'flickr.photos.comments.getList',
        { photo_id: '5303' },
        commentsOf('5303', [comment('6065-5303-72157720000000009', GRACE, 'grace_h', '1767400000', 'Gulls!')]),
      ),
    );

    const second = await readSource(source, options(), { plan, cursor: first.cursor });
    expect(second.error).toBeUndefined();
    expect(server.unmatched).toEqual([]);
    expect(methods()).toEqual([
      'flickr.people.findByUsername',
      'flickr.favorites.getPublicList',
      'flickr.people.getPublicPhotos',
      'flickr.favorites.getPublicList',
      'flickr.people.getPublicPhotos',
      'flickr.photos.comments.getList',
      'flickr.people.getInfo',
    ]);
    expect(adaFavorites.requests[0]?.query).toMatchObject({ min_fave_date: '1767100000', max_fave_date: String(clock.now() / 1000) });
    expect(danFavorites.requests[0]?.query).toMatchObject({ min_fave_date: '1767000000' });
    expect(second.signals.map((signal) => signal.id)).toEqual([
      `flickr:photo/7003/fave/${DAN}`,
      'flickr:comment/6065-5303-72157720000000009',
    ]);

    const cursor = JSON.parse(second.cursor as string);
    expect(Object.keys(cursor.accounts[DAN].photos).sort()).toEqual(['5301', '5303']);
    expect(cursor.accounts[DAN].photos['5303']).toEqual({ comments: 1767400000, commentCount: 1, faveCount: 0 });
    expect(cursor.accounts[DAN].favorites).toEqual({ since: 1767300000, readAt: clock.now() });
  });

  it('reads a contact list again once the refresh is due, and says when there is nobody to read', async () => {
    server.route(restRoute('flickr.people.getInfo', { user_id: ADA }, personInfo(ADA, 'ada_l')));
    const contacts = server.route(
      restRoute('flickr.contacts.getPublicList', { user_id: ADA }, contactsPage(1, 1, 1, [contact(DAN, 'dan_example')])),
    );
    server.route(restRoute('flickr.favorites.getPublicList', { user_id: ADA }, photosPage([])));
    const settings = { ...options(), accounts: [], recentPhotos: 0, refresh: '12h' };
    const first = await readSource(source, settings, { plan: { me: [{ network: 'flickr', id: ADA }] } });
    clock.advance(6 * 3_600_000);
    const soon = await readSource(source, settings, { plan: { me: [{ network: 'flickr', id: ADA }] }, cursor: first.cursor });
    clock.advance(6 * 3_600_000);
    await readSource(source, settings, { plan: { me: [{ network: 'flickr', id: ADA }] }, cursor: soon.cursor });
    expect(contacts.hits).toBe(2);

    const nobody = await readSource(source, { ...settings, accounts: [] });
    expect(nobody.batches).toEqual([]);
    expect(logger.withMessage('no flickr accounts to read: none in the plan or the options')).not.toHaveLength(0);
  });

  it('stops between pages when the run is aborted', async () => {
    firstWorld();
    const controller = new AbortController();
    const batches = [];
    for await (const batch of source.read({
      sourceId: 'flickr',
      options: source.options.parse(options()),
      cursor: undefined,
      abort: controller.signal,
      plan: crawlPlan(plan),
    })) {
      batches.push(batch);
      controller.abort();
    }
    expect(batches).toHaveLength(1);
    expect(methods()).toEqual(['flickr.people.findByUsername', 'flickr.people.getInfo', 'flickr.contacts.getPublicList']);
  });

  it('reports a plan identity that is not an NSID instead of guessing who it is', async () => {
    const run = await readSource(source, { ...options(), accounts: [] }, { plan: { targets: [{ network: 'flickr', id: 'dan_example' }] } });
    expect(server.requests).toEqual([]);
    expect(run.skipped).toEqual([
      {
        where: 'flickr identity "dan_example" in the pipeline',
        reason: 'not an NSID such as 12037949629@N01: a Flickr identity is keyed by its NSID, which flickr.people.findByUsername gives',
      },
    ]);
  });

  it('checks its options: the key is required and is a secret', () => {
    expect(() => source.options.parse({ accounts: [] })).toThrow(/apiKey/);
    expect(source.options.parse({ apiKey: 'k' })).toMatchObject({
      baseUrl: 'https://api.flickr.com/services/rest/',
      recentPhotos: 10,
      refresh: 86_400_000,
    });
  });
});
