import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createHttpClient,
  type DisposableHttpClient,
  DisposableStore,
  type HttpClient,
  ManualClock,
  type PluginContext,
  type Signal,
  type SourceBatch,
  systemClock,
} from '@handshake/sdk';
import { crawlPlan, FixtureServer, loadRecordedExchanges, type RecordedExchange, RecordingLogger } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boostSignals } from '../statuses/boost-signals.js';
import { statusSignals } from '../statuses/status-signals.js';
import { AccountDirectory } from './account-directory.js';
import { isObject } from './api-json.js';
import { readApiStatus } from './api-status.js';
import { MastodonApiSource } from './mastodon-api-source.js';
import { MastodonInstance } from './mastodon-instance.js';
import { readNotification } from './notification-item.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const recordings = resolve(repositoryRoot, '../shared/corpus/mastodon/api-recordings');
const exists = existsSync(recordings);

/** The recording server's own origin: bodies keep it, as they keep every actor URI. */
const RECORDED = 'http://localhost:3000';
const OWNER = `${RECORDED}/ap/users/117020565966271181`;

async function exchanges(file: string): Promise<RecordedExchange[]> {
  return loadRecordedExchanges(join(recordings, file));
}

function bodyOf(exchange: RecordedExchange): unknown {
  return exchange.body.length === 0 ? undefined : JSON.parse(exchange.body.toString('utf8'));
}

function offlineDirectory(): AccountDirectory {
  const offline: HttpClient = {
    request: (request) => Promise.reject(new Error(`unexpected request to ${request.url}`)),
    nextAllowedAt: () => 0,
    rateLimit: () => undefined,
  };
  const logger = new RecordingLogger();
  const instance = new MastodonInstance({ http: offline, origin: RECORDED, abort: new AbortController().signal, logger });
  return new AccountDirectory(instance, 'localhost:3000', logger);
}

describe.skipIf(!exists)(
  `mastodon over the recorded REST API${exists ? '' : ' (skipped: ../shared/corpus is absent on this machine)'}`,
  () => {
    const server = new FixtureServer();
    let http: DisposableHttpClient;

    beforeAll(async () => {
      await server.start();
      http = createHttpClient({ clock: systemClock, logger: new RecordingLogger(), maxAttempts: 1 });
    });
    afterEach(() => server.reset());
    afterAll(async () => {
      await http.dispose();
      await server.stop();
    });

    async function read(options: Record<string, unknown>): Promise<{ batches: SourceBatch[]; signals: Signal[] }> {
      const context: PluginContext = {
        plugin: '@handshake/source-mastodon',
        logger: new RecordingLogger(),
        clock: new ManualClock('2026-08-01T13:00:00Z'),
        disposables: new DisposableStore(),
        secrets: { register: () => undefined },
        http,
      };
      const source = new MastodonApiSource(context);
      const batches: SourceBatch[] = [];
      for await (const batch of source.read({
        sourceId: 'mastodon',
        options: source.options.parse(options),
        cursor: undefined,
        abort: new AbortController().signal,
        plan: crawlPlan(),
      })) {
        batches.push(batch);
      }
      return { batches, signals: batches.flatMap((batch) => batch.signals) };
    }

    /** A recorded answer, served for this path (and query) whatever the recording asked. */
    function serve(path: string, exchange: RecordedExchange | undefined, query?: Record<string, string>): void {
      if (exchange === undefined) throw new Error(`no recorded exchange for ${path}`);
      const [route] = server.replay([{ ...exchange, url: `${RECORDED}${path}` }], { query: 'ignore' });
      if (query !== undefined) server.route({ path, query, exactQuery: true, responses: route?.route.responses ?? [] });
    }

    it('reads every account, status and notification the recordings hold, without a rejection', async () => {
      const directory = offlineDirectory();
      const counts = { accounts: 0, statuses: 0, boosts: 0, notifications: 0 };
      const rejected: string[] = [];
      const signals: Signal[] = [];
      const files = readdirSync(recordings).filter((file) => file.endsWith('.json'));
      expect(files).toHaveLength(13);
      const statusOf = (value: unknown) => {
        const item = readApiStatus(value, directory);
        if (item.type === 'rejected') rejected.push(item.reason);
        else if (item.type === 'boost') {
          counts.boosts++;
          signals.push(...boostSignals(item.boost).signals);
        } else {
          counts.statuses++;
          signals.push(...statusSignals(item.status).signals);
        }
      };
      for (const file of files) {
        for (const exchange of await exchanges(file)) {
          const body = bodyOf(exchange);
          if (exchange.status >= 400) continue;
          for (const value of Array.isArray(body) ? body : [body]) {
            if (!isObject(value)) continue;
            if ('acct' in value) {
              counts.accounts++;
              if (typeof directory.remember(value) === 'string') rejected.push(`${file}: account`);
            } else if ('group_key' in value) {
              counts.notifications++;
              const read = readNotification(value, directory, OWNER);
              if ('rejected' in read) rejected.push(read.rejected);
              else signals.push(...read.signals);
            } else if ('created_at' in value && 'uri' in value) statusOf(value);
            else if ('last_status' in value) statusOf(value.last_status);
          }
        }
      }
      expect(rejected).toEqual([]);
      // Counted from the files: each answer that holds an object counts it again (a status posted, then deleted).
      expect(counts).toEqual({ accounts: 10, statuses: 168, boosts: 2, notifications: 3 });
      // The mention's account comes as a local id only; its actor URI has the /ap/users/<id> shape, which
      // no convention could derive from its page, http://localhost:3000/@mastodonpy_test.
      expect(signals).toContainEqual(
        expect.objectContaining({
          id: `mastodon:${RECORDED}/ap/users/117020565693913441/statuses/117020576916218297#mention:${OWNER}`,
          kind: 'mention',
          subject: { network: 'mastodon', id: OWNER },
          at: '2026-08-01T13:51:39.138Z',
        }),
      );
      // The recorded boosts are of the booster's own statuses: no relationship in them.
      expect(signals.filter((signal) => signal.kind === 'share')).toEqual([]);
      // The two direct statuses (conversations.json) are messages to the accounts they name, and no posts.
      const author = `${RECORDED}/ap/users/117020566092212359`;
      const direct = [`${author}/statuses/117020593780198542`, `${author}/statuses/117020588388552703`];
      expect(new Set(signals.filter((signal) => signal.kind === 'message').map((signal) => signal.id))).toEqual(
        new Set([`mastodon:${direct[0]}#message:${RECORDED}/ap/users/117020565693913441`, `mastodon:${direct[1]}#message:${OWNER}`]),
      );
      expect(signals.some((signal) => direct.some((uri) => signal.id === `mastodon:${uri}`))).toBe(false);
    });

    it("pages the user's statuses with the recorded Link headers and reads the ISO-8601 rate-limit reset", async () => {
      const pages = (await exchanges('fetch_next_previous.json')).filter((exchange) => exchange.method === 'GET');
      const [verify, first, second] = pages;
      const notifications = await exchanges('notifications.json');
      serve('/api/v1/accounts/verify_credentials', verify);
      serve(
        '/api/v2/instance',
        (await exchanges('pagination_iterator.json')).find((exchange) => exchange.url.includes('/api/v2/instance')),
      );
      serve('/api/v1/notifications', notifications[1]);
      server.route({ path: '/api/v1/notifications', query: { max_id: '20' }, responses: { body: [] } });
      serve('/api/v1/favourites', (await exchanges('favourites.json'))[0]);
      serve('/api/v1/accounts/117020565966271181/statuses', first);
      if (second === undefined) throw new Error('expected a second page');
      server.replay([second]);
      server.route({
        path: '/api/v1/accounts/117020565966271181/statuses',
        query: { max_id: '117020580452511285' },
        responses: { body: [] },
      });
      serve('/api/v1/accounts/117020565966271181/following', (await exchanges('account_following.json'))[1]);
      serve('/api/v1/accounts/117020565966271181/followers', (await exchanges('account_followers.json'))[1]);

      const token = 'recorded-token-0123456789';
      const run = await read({ instance: server.url, token });
      expect(server.unmatched).toEqual([]);
      expect(server.requests.filter((request) => request.path.endsWith('/statuses')).map((request) => request.query)).toEqual([
        { limit: '40' },
        { limit: '5', max_id: '117020580489281910' },
        { limit: '5', max_id: '117020580452511285' },
      ]);
      const posts = run.signals.filter((signal) => signal.kind === 'post' && signal.actor.id === OWNER);
      expect(posts.map((signal) => signal.object?.text)).toEqual(Array.from({ length: 10 }, (_, index) => `Toot number ${9 - index}!`));
      expect(run.signals.filter((signal) => signal.kind === 'mention').map((signal) => signal.subject.id)).toEqual([OWNER]);
      const owner = run.batches.flatMap((batch) => batch.identities ?? []).find((identity) => identity.owner);
      expect(owner).toMatchObject({ id: OWNER, handle: '@mastodonpy_test@localhost:3000', displayName: 'John Lennon' });
      const cursor = JSON.parse(run.batches.at(-1)?.cursor as string) as { lists: Record<string, unknown> };
      expect(cursor.lists[`${server.url} ${OWNER} statuses`]).toEqual({ since: '117020580518794573' });
      expect(cursor.lists[`${server.url} ${OWNER} notifications`]).toEqual({ since: '20' });
      const budget = http.rateLimit(server.url, { bearer: token });
      expect(budget).toMatchObject({ limit: 300, remaining: 299 });
      expect(new Date(budget?.resetAt as number).toISOString()).toMatch(/^2026-08-01T13:5\d:\d\d\.\d{3}Z$/);
    });

    it('looks accounts up as recorded: one found, one the server does not have', async () => {
      const lookups = await exchanges('account_lookup.json');
      server.replay(lookups.filter((exchange) => exchange.url.includes('/lookup')));
      server.route({ path: '/api/v1/accounts/117020565966271181/statuses', responses: { body: [] } });
      const run = await read({
        instance: server.url,
        accounts: [`${server.url}/@mastodonpy_test`, `${server.url}/@kljadklajsdkljlkjlkjlkjasdasd`],
      });
      const rejected = run.batches.flatMap((batch) => batch.rejected ?? []);
      const skipped = run.batches.flatMap((batch) => batch.skipped ?? []);
      expect(rejected).toEqual([
        {
          where: `${server.url}/@kljadklajsdkljlkjlkjlkjasdasd`,
          reason: `account not found: ${server.url}/api/v1/accounts/lookup?acct=kljadklajsdkljlkjlkjlkjasdasd: no such account (HTTP 404)`,
        },
      ]);
      // The account hides its lists (hide_collections), so only its statuses are asked for.
      expect(skipped).toEqual([
        { where: `${server.url}/api/v1/accounts/117020565966271181`, reason: expect.stringContaining('hide_collections') },
      ]);
      const identity = run.batches.flatMap((batch) => batch.identities ?? []).find((report) => report.id === OWNER);
      expect(identity).toMatchObject({ handle: `@mastodonpy_test@${new URL(server.url).host}`, displayName: 'John Lennon' });
      expect(identity?.links).toBeUndefined();
    });
  },
);
