import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpClient, type DisposableHttpClient, ManualClock, systemClock } from '@handshake/sdk';
import { advanceThroughWaits, type FixtureServer, loadRecordedExchanges, type RecordedExchange, RecordingLogger } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GithubHarness, githubPlan, startServer } from './__fixtures__/github-harness.js';
import { githubHeaders, publicUser } from './__fixtures__/github-shapes.js';
import { GithubApi } from './api/github-api.js';
import { type ListPage, walkList } from './api/walk-list.js';
import { GithubSourceError } from './github-source-error.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repositoryRoot, '../shared/corpus/github');
const present = existsSync(corpus);

const pygithub = (file: string) => loadRecordedExchanges(join(corpus, 'pygithub-replaydata', file));
const octokit = async (file: string) =>
  (await loadRecordedExchanges(join(corpus, 'octokit-fixtures', file))).filter((exchange) => exchange.method === 'GET');

/** A recorded answer served at another path: GitHub's real status, headers and body for an endpoint the recording did not call. */
function servedAt(exchange: RecordedExchange, path: string): RecordedExchange {
  return { ...exchange, url: new URL(path, 'https://api.github.com').href };
}

function body<T>(exchange: RecordedExchange | undefined): T {
  return JSON.parse((exchange as RecordedExchange).body.toString('utf8')) as T;
}

interface RecordedEvent {
  id: string;
  type: string;
  actor: { id: number; login: string };
  repo: { name: string };
  payload: Record<string, unknown>;
}

/** What each event type becomes, restated from the README's table rather than taken from the code. */
const KIND_OF: Readonly<Record<string, string>> = {
  IssueCommentEvent: 'comment',
  PullRequestReviewCommentEvent: 'comment',
  CommitCommentEvent: 'comment',
  IssuesEvent: 'contribution',
  PullRequestEvent: 'contribution',
  PullRequestReviewEvent: 'contribution',
  WatchEvent: 'like',
  ForkEvent: 'share',
  MemberEvent: 'connection',
  FollowEvent: 'follow',
};

let server: FixtureServer;
let harness: GithubHarness;

describe.skipIf(!present)(
  `github conformance with recorded exchanges${present ? '' : ' (../shared/corpus is absent on this machine)'}`,
  () => {
    beforeAll(async () => {
      server = await startServer();
    });

    afterEach(async () => {
      server.reset();
      await harness?.dispose();
    });

    afterAll(async () => {
      await server.stop();
    });

    it("reads a real account's world: profile, public events, followers and following (PyGithub's recordings)", async () => {
      const [profile] = await pygithub('SpecificExceptions.testRateLimitExceeded.json');
      const events = await pygithub('NamedUser.testGetPublicEvents.json');
      const followers = await pygithub('NamedUser.testGetFollowers.json');
      const following = await pygithub('NamedUser.testGetFollowing.json');
      const [nvie] = await pygithub('NamedUser.testHasInFollowing.json');
      server.replay([profile as RecordedExchange, ...events, ...followers, ...following, nvie as RecordedExchange], { query: 'ignore' });
      harness = new GithubHarness(server);
      // One page of each: the recordings hold only the first, and their Link names a second.
      const run = await harness.run({ accounts: ['jacquev6'], maxPages: 1 });

      expect(run.rejected).toEqual([]);
      expect(server.unmatched).toEqual([]);
      expect(run.identities.find((identity) => identity.id === '327146' && identity.displayName)).toEqual({
        network: 'github',
        id: '327146',
        handle: 'jacquev6',
        displayName: 'Vincent Jacques',
        url: 'http://vincent-jacques.net/',
        followersCount: 27,
        followingCount: 39,
        links: [{ to: { network: 'web', id: 'https://vincent-jacques.net' }, evidence: 'same-site' }],
      });
      // The owner of nvie/gitflow was looked up: its profile comes with the stars.
      expect(run.identities).toContainEqual(expect.objectContaining({ id: '83844', handle: 'nvie', displayName: 'Vincent Driessen' }));

      const recorded = body<RecordedEvent[]>(events[0]);
      const expected = recorded
        .filter((event) => KIND_OF[event.type] !== undefined)
        .filter((event) => event.type === 'FollowEvent' || event.repo.name.split('/')[0] !== event.actor.login)
        .map((event) => `github:event/${event.id}`);
      const eventSignals = run.signals.filter((signal) => signal.id.startsWith('github:event/'));
      expect(eventSignals.map((signal) => signal.id)).toEqual(expected);
      expect(eventSignals.map((signal) => [signal.kind, signal.subject.id])).toEqual([
        ['like', '83844'],
        ['like', '83844'],
        ['follow', '83844'],
      ]);
      const eventSkips = run.skipped.filter((skip) => skip.where.includes('/events/public'));
      expect(eventSignals.length + eventSkips.length).toBe(recorded.length);
      expect(eventSkips.filter((skip) => skip.reason.includes("on the actor's own repository"))).toHaveLength(12);

      const followerIds = body<{ id: number }[]>(followers[0]).map((user) => `github:follow:${user.id}>327146`);
      const followingIds = body<{ id: number }[]>(following[0]).map((user) => `github:follow:327146>${user.id}`);
      const follows = run.signals.filter((signal) => signal.kind === 'follow' && !signal.id.startsWith('github:event/'));
      expect(follows.map((signal) => signal.id)).toEqual([...followingIds, ...followerIds]);
      expect(followerIds).toHaveLength(13);
      expect(followingIds).toHaveLength(24);
      // No follow date in the API: the recorded answer's Date header.
      expect(follows[0]).toMatchObject({ at: '2012-05-20T12:15:34Z', rawAt: 'Sun, 20 May 2012 12:15:34 GMT' });
    });

    it.each([
      'Github.testGetEvents.json',
      'NamedUser.testGetEvents.json',
      'NamedUser.testGetReceivedEvents.json',
      'Repository.testGetEvents.json',
    ])('turns every event of %s into a signal of its kind or a counted skip', async (file) => {
      const [recordedPage] = await pygithub(file);
      const recorded = body<RecordedEvent[]>(recordedPage);
      server.replay([servedAt(recordedPage as RecordedExchange, '/users/corpus/events/public')], { query: 'ignore' });
      server.route({ path: '/users/corpus', responses: { headers: githubHeaders(), body: publicUser(1, 'corpus') } });
      // Owners of repositories the recordings name but did not look up: any login is an account with an id of its own.
      const lookups = server.route({
        path: '/users/:login',
        responses: (request) => {
          const login = request.path.split('/')[2] as string;
          return {
            headers: githubHeaders(),
            body: publicUser(900_000 + ([...login].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) % 100_000), login),
          };
        },
      });
      harness = new GithubHarness(server);
      const run = await harness.run({ accounts: ['corpus'], include: ['events'], maxPages: 1 });

      expect(run.rejected).toEqual([]);
      const signals = new Map(run.signals.map((signal) => [signal.id, signal]));
      const skips = new Map(run.skipped.map((skip) => [Number(/item (\d+)\)$/.exec(skip.where)?.[1]), skip]));
      for (const [index, event] of recorded.entries()) {
        const signal = signals.get(`github:event/${event.id}`);
        if (signal) {
          expect(signal.kind).toBe(KIND_OF[event.type]);
          expect(signal.actor).toEqual({ network: 'github', id: String(event.actor.id) });
          expect(signal.subject.id).not.toBe(String(event.actor.id));
        } else {
          expect(skips.get(index), `event ${event.id} (${event.type}) is neither a signal nor skipped`).toBeDefined();
        }
      }
      expect(run.signals.length + run.skipped.length).toBe(recorded.length);
      // A login is looked up once per read, however many events name it.
      const looked = lookups.requests.map((request) => request.path);
      expect(new Set(looked).size).toBe(looked.length);
    });

    it('takes the owner from the payload and the organization when events give them, with no lookup', async () => {
      const [page] = await pygithub('NamedUser.testGetReceivedEvents.json');
      server.replay([servedAt(page as RecordedExchange, '/users/corpus/events/public')], { query: 'ignore' });
      server.route({ path: '/users/corpus', responses: { headers: githubHeaders(), body: publicUser(1, 'corpus') } });
      const lookups = server.route({
        path: '/users/:login',
        responses: { status: 404, headers: githubHeaders(), body: { message: 'Not Found' } },
      });
      harness = new GithubHarness(server);
      const run = await harness.run({ accounts: ['corpus'], include: ['events'], maxPages: 1 });
      // pvorb's pull request to twitter/bootstrap: the base repository's owner is in the payload.
      expect(run.signals.find((signal) => signal.id === 'github:event/1553894547')).toMatchObject({
        kind: 'contribution',
        actor: { network: 'github', id: '183534' },
        subject: { network: 'github', id: '50278' },
        at: '2012-05-20T08:55:26Z',
        object: {
          url: 'https://github.com/twitter/bootstrap/pull/3545',
          text: 'Remove re-declaration of font-fam, font-size, and line-height in p',
        },
      });
      expect(lookups.requests.map((request) => request.path)).not.toContain('/users/twitter');
    });

    it("reads the contributors of a target's repository (Repository.testGetContributors)", async () => {
      const contributors = await pygithub('Repository.testGetContributors.json');
      server.replay(contributors, { query: 'ignore' });
      server.route({
        path: '/user/11288996',
        responses: { headers: githubHeaders(), body: publicUser(11288996, 'PyGithub', { type: 'Organization' }) },
      });
      server.route({
        path: '/users/PyGithub/repos',
        responses: {
          headers: githubHeaders(),
          body: [{ id: 3544490, full_name: 'PyGithub/PyGithub', html_url: 'https://github.com/PyGithub/PyGithub', fork: false }],
        },
      });
      harness = new GithubHarness(server);
      const run = await harness.run({ include: ['contributors'] }, { plan: githubPlan({ targets: ['11288996'] }) });
      expect(run.signals).toEqual([
        {
          id: 'github:contribution:327146>11288996@repo/3544490',
          network: 'github',
          kind: 'contribution',
          actor: { network: 'github', id: '327146' },
          subject: { network: 'github', id: '11288996' },
          at: '2012-05-20T12:10:52Z',
          rawAt: 'Sun, 20 May 2012 12:10:52 GMT',
          object: { url: 'https://github.com/PyGithub/PyGithub', text: 'PyGithub/PyGithub' },
        },
      ]);
    });

    it('stores nothing on the recorded 304 (ConditionalRequestUpdate.testDidNotUpdate)', async () => {
      const [profile] = await pygithub('SpecificExceptions.testRateLimitExceeded.json');
      const events = await pygithub('NamedUser.testGetPublicEvents.json');
      const [notModified] = await pygithub('ConditionalRequestUpdate.testDidNotUpdate.json');
      server.replay([profile as RecordedExchange, ...events, servedAt(notModified as RecordedExchange, '/users/jacquev6/events/public')], {
        query: 'ignore',
      });
      server.route({ path: '/users/nvie', responses: { headers: githubHeaders(), body: publicUser(83844, 'nvie') } });
      harness = new GithubHarness(server);
      const first = await harness.run({ accounts: ['jacquev6'], include: ['events'], maxPages: 1 });
      expect(first.signals).toHaveLength(3);
      const second = await harness.run({ accounts: ['jacquev6'], include: ['events'], maxPages: 1 }, { cursor: first.cursor });
      const eventRequests = server.requests.filter((request) => request.path === '/users/jacquev6/events/public');
      expect(eventRequests[1]?.headers['if-none-match']).toBe('"c2fc2e5ccf4abdbd7b603c90a9254d37"');
      expect(second.signals).toEqual([]);
      // The recorded profile answers 200 again (a replay knows no ETag): only the profile is reported anew.
      expect(second.identities.map((identity) => identity.id)).toEqual(['327146']);
      expect(second.cursor).toBe(first.cursor);
    });

    it('fails on the recorded exhausted rate limit (403, nothing left) with the URL, after waiting and retrying', async () => {
      const exchanges = await pygithub('SpecificExceptions.testRateLimitExceeded.json');
      server.replay(exchanges, { query: 'ignore' });
      const clock = new ManualClock('2013-05-17T12:23:55Z');
      harness = new GithubHarness(server, clock);
      const first = await harness.run({ accounts: ['jacquev6'], include: [] });
      const second = await advanceThroughWaits(harness.collect({ accounts: ['jacquev6'], include: [] }, { cursor: first.cursor }), {
        clock,
        logger: harness.logger,
      });
      const { batches, error } = second.value ?? { batches: [] };
      expect(batches).toEqual([]);
      expect(error).toBeInstanceOf(GithubSourceError);
      expect((error as Error).message).toBe(
        `github: cannot read the profile of jacquev6: GET ${server.url}/users/jacquev6 failed after 4 attempts: HTTP 403 Forbidden (rate limited): {"message":"API Rate Limit Exceeded for 92.104.200.119"}`,
      );
    });

    it('waits out the recorded secondary limit (403 with Retry-After: 60) and reads on', async () => {
      const [profile] = await pygithub('SpecificExceptions.testRateLimitExceeded.json');
      const [, abuse] = await pygithub('SpecificExceptions.testAuthenticatedRateLimitExceeded.json');
      const followers = await pygithub('NamedUser.testGetFollowers.json');
      server.replay([profile as RecordedExchange, servedAt(abuse as RecordedExchange, '/users/jacquev6/followers'), ...followers], {
        query: 'ignore',
      });
      const clock = new ManualClock('2018-10-23T06:16:56Z');
      harness = new GithubHarness(server, clock);
      const result = await advanceThroughWaits(harness.run({ accounts: ['jacquev6'], include: ['followers'] }), {
        clock,
        logger: harness.logger,
      });
      expect(result.error).toBeUndefined();
      expect(result.waits.filter((wait) => wait > 0)).toEqual([60_000]);
      expect(result.value?.signals).toHaveLength(13);
    });

    describe("octokit's recordings", () => {
      let http: DisposableHttpClient;
      const logger = new RecordingLogger();

      beforeAll(() => {
        http = createHttpClient({ clock: systemClock, logger });
      });

      afterAll(async () => {
        await http.dispose();
      });

      it('walks Link pagination across paths (repos/… then repositories/<id>/…) to the last page, keeping each ETag', async () => {
        const exchanges = await octokit('paginate-issues.raw.json');
        server.replay(exchanges);
        const api = new GithubApi(http, { baseUrl: server.url, token: undefined, abort: new AbortController().signal });
        const first = `${server.url}/repos/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues?per_page=3`;
        const pages: ListPage[] = [];
        const walk = walkList(api, { first, cursor: undefined, maxPages: 10, logger });
        let step = await walk.next();
        while (!step.done) {
          pages.push(step.value);
          step = await walk.next();
        }
        expect(step.value).toBe('last page');
        expect(pages.map((page) => [page.number, page.items?.length])).toEqual([
          [1, 3],
          [2, 3],
          [3, 3],
          [4, 3],
          [5, 1],
        ]);
        const cursor = pages.at(-1)?.cursor;
        expect(cursor?.resume).toBeUndefined();
        expect(Object.values(cursor?.pages ?? {}).map((mark) => mark.etag)).toEqual(exchanges.map((exchange) => exchange.headers.etag));
        expect(pages[1]?.url).toBe(`${server.url}/repositories/515435940/issues?per_page=3&page=2`);

        const limited: ListPage[] = [];
        const short = walkList(api, { first, cursor: undefined, maxPages: 2, logger });
        let next = await short.next();
        while (!next.done) {
          limited.push(next.value);
          next = await short.next();
        }
        expect(next.value).toBe('page limit');
        expect(limited.map((page) => page.number)).toEqual([1, 2]);
      });

      it('follows the recorded 301 of a renamed repository to /repositories/<id>', async () => {
        server.replay(await octokit('rename-repository.raw.json'));
        const api = new GithubApi(http, { baseUrl: server.url, token: undefined, abort: new AbortController().signal });
        const response = await api.get(`${server.url}/repos/octokit-fixture-org/tmp-scenario-rename-repository-20220719044033126-ukeod`);
        expect(response.url).toBe(`${server.url}/repositories/515436299`);
        expect(response.json<{ id: number }>().id).toBe(515436299);
        expect(server.requests.map((request) => request.headers['x-github-api-version'])).toEqual(['2022-11-28', '2022-11-28']);
      });
    });
  },
);
