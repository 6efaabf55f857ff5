import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHttpClient, type SourceContribution, systemClock } from '@handshake/sdk';
import { type FixtureAnswer, FixtureServer, loadPluginModule, RecordingLogger, readSource } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  commentsOf,
  contactsPage,
  faversOf,
  flickrFail,
  flickrOk,
  personInfo,
  photosPage,
  publicPhoto,
  REST_PATH,
  restRoute,
} from './__fixtures__/flickr-fixtures.js';
import { flickrJsonFromXml } from './__fixtures__/flickr-xml.js';
import { FlickrReadError } from './flickr-read-error.js';
import { flickrSourceModule } from './index.js';

/** `../shared/corpus` from the repository root: Flickr's own method descriptions, with example answers and error codes. */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/flickr/reflection-getMethodInfo/', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);

interface MethodInfo {
  readonly method: { readonly name: string; readonly response?: { readonly _content: string } };
  readonly errors: { readonly error: readonly { readonly code: number | string; readonly message: string }[] };
}

const info = (method: string): MethodInfo => JSON.parse(readFileSync(`${CORPUS}${method}.json`, 'utf8')) as MethodInfo;
/** The method's documented example answer, as Flickr's JSON gives it. */
const example = (method: string) => {
  const xml = info(method).method.response?._content;
  if (xml === undefined) throw new Error(`${method} documents no example answer`);
  return flickrJsonFromXml(xml);
};

/** The methods the source calls, each with the answer it gets when nothing fails. */
const CALLED = [
  'flickr.people.findByUsername',
  'flickr.people.getInfo',
  'flickr.contacts.getPublicList',
  'flickr.favorites.getPublicList',
  'flickr.people.getPublicPhotos',
  'flickr.photos.comments.getList',
  'flickr.photos.getFavorites',
] as const;

const BEES = '12037949754@N01';
const STEWART = '12037949632@N01';
const KEY = 'corpus-test-key-5b1d';

describe.skipIf(!HAS_CORPUS)(
  `flickr source on Flickr's documented examples${HAS_CORPUS ? '' : ` (skipped: ${CORPUS} is absent on this machine)`}`,
  () => {
    const server = new FixtureServer();
    const logger = new RecordingLogger();
    // Retries at once: the documented 105 and 106 are retried, and the test need not wait for backoff.
    const http = createHttpClient({ clock: systemClock, logger, baseBackoffMs: 1, maxBackoffMs: 1 });
    const plugin = loadPluginModule(flickrSourceModule, { clock: systemClock, logger, http });
    const source = plugin.source('flickr') as SourceContribution<unknown>;
    const read = () =>
      readSource(
        source,
        { baseUrl: `${server.url}${REST_PATH}`, apiKey: KEY, accounts: ['Stewart'], recentPhotos: 2 },
        { plan: { me: [{ network: 'flickr', id: BEES }] } },
      );

    beforeAll(async () => {
      await server.start();
    });
    afterEach(() => server.reset());
    afterAll(async () => {
      await http.dispose();
      await plugin.dispose();
      await server.stop();
    });

    it('reads the example answers of every method it calls, and the signals match what they hold', async () => {
      const contacts = example('flickr.contacts.getPublicList');
      const comments = example('flickr.photos.comments.getList');
      const favers = example('flickr.photos.getFavorites');
      server.route(restRoute('flickr.people.findByUsername', { username: 'Stewart' }, { body: example('flickr.people.findByUsername') }));
      server.route(restRoute('flickr.people.getInfo', { user_id: BEES }, { body: example('flickr.people.getInfo') }));
      server.route(restRoute('flickr.people.getInfo', { user_id: STEWART }, personInfo(STEWART, 'Stewart')));
      server.route(restRoute('flickr.contacts.getPublicList', { user_id: BEES }, { body: contacts }));
      server.route(restRoute('flickr.contacts.getPublicList', { user_id: STEWART }, contactsPage(1, 1, 0, [])));
      server.route(restRoute('flickr.favorites.getPublicList', {}, photosPage([])));
      server.route(restRoute('flickr.people.getPublicPhotos', { user_id: STEWART }, photosPage([])));
      server.route(
        restRoute(
          'flickr.people.getPublicPhotos',
          { user_id: BEES },
          photosPage([publicPhoto('109722179', BEES, 'Umm'), publicPhoto('1253576', BEES, 'Faved')]),
        ),
      );
      server.route(restRoute('flickr.photos.comments.getList', { photo_id: '109722179' }, { body: comments }));
      server.route(restRoute('flickr.photos.comments.getList', { photo_id: '1253576' }, commentsOf('1253576')));
      server.route(restRoute('flickr.photos.getFavorites', { photo_id: '109722179' }, faversOf('109722179', [])));
      // The example is page 1 of "3"; every page answers it again, as a server stuck on one page would.
      const faved = server.route(restRoute('flickr.photos.getFavorites', { photo_id: '1253576' }, { body: favers }));

      const run = await read();
      expect(run.error).toBeUndefined();
      expect(server.unmatched).toEqual([]);
      expect(run.rejected).toEqual([]);

      const contactList = (contacts.contacts as { contact: { nsid: string; username: string }[] }).contact;
      const follows = run.signals.filter((signal) => signal.kind === 'follow');
      expect(follows.map((signal) => signal.subject.id)).toEqual(contactList.map((item) => item.nsid));
      expect(follows.every((signal) => signal.actor.id === BEES)).toBe(true);
      for (const item of contactList)
        expect(run.identities).toContainEqual(expect.objectContaining({ id: item.nsid, handle: item.username }));
      expect(run.identities).toContainEqual(expect.objectContaining({ id: BEES, followingCount: 3 }));
      expect(run.identities).toContainEqual(expect.objectContaining({ id: BEES, handle: 'bees', displayName: 'Cal Henderson' }));
      expect(run.identities).toContainEqual(expect.objectContaining({ id: STEWART, handle: 'Stewart' }));

      expect(run.signals.filter((signal) => signal.kind === 'comment')).toEqual([
        {
          id: 'flickr:comment/6065-109722179-72057594077818641',
          network: 'flickr',
          kind: 'comment',
          actor: { network: 'flickr', id: '35468159852@N01' },
          subject: { network: 'flickr', id: BEES },
          at: '2006-03-08T18:11:10Z',
          rawAt: '1141841470',
          object: {
            url: 'http://www.flickr.com/photos/straup/109722179/#comment72057594077818641',
            text: "Umm, I'm not sure, can I get back to you on that one?",
          },
        },
      ]);

      const people = (favers.photo as { person: { nsid: string; favedate: string }[] }).person;
      const likes = run.signals.filter((signal) => signal.kind === 'like');
      expect(likes.map((signal) => signal.actor.id)).toEqual(people.map((person) => person.nsid));
      expect(likes[0]).toMatchObject({ id: 'flickr:photo/1253576/fave/33939862@N00', at: '2006-12-21T08:28:10Z', subject: { id: BEES } });
      // Page 2 brought nothing new: the loop guard ended the list there.
      expect(faved.hits).toBe(2);
    });

    for (const method of CALLED) {
      it(`handles each error ${method} documents: 105 and 106 retried, "not found" skipped, the rest a clear error`, async () => {
        for (const { code, message } of info(method).errors.error) {
          server.reset();
          const failing = server.route(restRoute(method, {}, [flickrFail(code, message), ...okAnswer(method)]));
          routeWorld();
          const run = await read();
          const reported = `Flickr error ${code}: ${message}`;
          if (Number(code) === 105 || Number(code) === 106) {
            expect(run.error, `${method} ${code}`).toBeUndefined();
            expect(failing.hits, `${method} ${code}`).toBeGreaterThanOrEqual(2);
          } else if (['1', '2', '5'].includes(String(code))) {
            expect(run.error, `${method} ${code}`).toBeUndefined();
            expect(
              run.skipped.map((skip) => skip.reason).some((reason) => reason.startsWith(reported)),
              `${method} ${code}`,
            ).toBe(true);
          } else {
            expect(run.error, `${method} ${code}`).toBeInstanceOf(FlickrReadError);
            expect((run.error as Error).message).toContain(reported);
            expect((run.error as Error).message).not.toContain(KEY);
          }
        }
        expect(logger.text()).not.toContain(KEY);
      });
    }

    /** Every other method answers as if all were well. */
    function routeWorld(): void {
      for (const method of CALLED) server.route(restRoute(method, {}, okAnswer(method)));
    }

    function okAnswer(method: (typeof CALLED)[number]): FixtureAnswer[] {
      switch (method) {
        case 'flickr.people.findByUsername':
          return [{ body: example(method) }];
        case 'flickr.people.getInfo':
          return [{ body: example(method) }];
        case 'flickr.contacts.getPublicList':
          return [{ body: example(method) }];
        case 'flickr.favorites.getPublicList':
          return [photosPage([])];
        case 'flickr.people.getPublicPhotos':
          return [photosPage([publicPhoto('109722179', BEES, 'Umm')])];
        case 'flickr.photos.comments.getList':
          return [{ body: example(method) }];
        case 'flickr.photos.getFavorites':
          return [flickrOk('photo', { id: '109722179', page: 1, pages: 1, perpage: 50, total: '0', person: [] })];
      }
    }
  },
);
