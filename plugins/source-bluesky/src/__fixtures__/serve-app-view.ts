import type { FixtureAnswer, FixtureResponse, FixtureServer, ReceivedRequest } from '@handshake/testing';
import { type Person, profileView, profileViewDetailed } from './appview-fixtures.js';

/** When the fixture AppView says it served a page: follows are dated by it. */
export const SERVED_AT = 'Tue, 25 Nov 2025 10:00:00 GMT';

/** Bluesky's rate-limit headers, with plenty of budget left. */
const RATE_LIMIT_HEADERS = {
  'ratelimit-limit': '3000',
  'ratelimit-remaining': '2999',
  'ratelimit-reset': '1764068400',
  'ratelimit-policy': '3000;w=300',
  date: SERVED_AT,
};

export interface AppViewAccount {
  readonly person: Person;
  readonly follows?: number;
  readonly followers?: number;
  readonly website?: string;
}

/**
 * The content of a fixture AppView. Lists are pages of items, newest first; a test changes them between
 * polls (a new follow goes on top) as the network would change.
 */
export interface AppViewContent {
  readonly accounts: AppViewAccount[];
  follows: Record<string, unknown[][]>;
  followers: Record<string, unknown[][]>;
  feed: Record<string, unknown[][]>;
  /**
   * Answers given instead of a page, by `method actor cursor` (`app.bsky.feed.getAuthorFeed did:plc:x p2`),
   * each once, in order; then the page is served.
   */
  readonly faults?: Record<string, FixtureAnswer[]>;
}

const json = (body: unknown): FixtureResponse => ({ headers: RATE_LIMIT_HEADERS, body });

/**
 * Serves `getProfiles`, `resolveHandle`, `getFollows`, `getFollowers` and `getAuthorFeed` from the content,
 * with cursor pagination (`p2`, `p3`, …; the last page has no cursor) as the AppView pages.
 */
export function serveAppView(server: FixtureServer, content: AppViewContent): void {
  const byActor = (actor: string) => content.accounts.find((account) => account.person.did === actor || account.person.handle === actor);
  const fault = (method: string, request: ReceivedRequest): FixtureResponse | undefined => {
    const answer = content.faults?.[`${method} ${request.query.actor} ${request.query.cursor ?? ''}`.trim()]?.shift();
    return typeof answer === 'function' ? answer(request) : answer;
  };

  server.route({
    path: '/xrpc/app.bsky.actor.getProfiles',
    responses: (request) => {
      const actors = new URLSearchParams(request.url.split('?')[1] ?? '').getAll('actors');
      const profiles = actors.flatMap((actor) => {
        const account = byActor(actor);
        if (!account) return [];
        return [profileViewDetailed(account.person, { follows: account.follows ?? 0, followers: account.followers ?? 0 }, account.website)];
      });
      return json({ profiles });
    },
  });
  server.route({
    path: '/xrpc/com.atproto.identity.resolveHandle',
    responses: (request) => {
      const account = byActor(request.query.handle ?? '');
      if (!account)
        return { status: 400, headers: RATE_LIMIT_HEADERS, body: { error: 'InvalidRequest', message: 'Unable to resolve handle' } };
      return json({ did: account.person.did });
    },
  });
  const list = (method: string, field: 'follows' | 'followers' | 'feed') =>
    server.route({
      path: `/xrpc/${method}`,
      responses: (request) => {
        const injected = fault(method, request);
        if (injected) return injected;
        const account = byActor(request.query.actor ?? '');
        if (!account) return { status: 400, headers: RATE_LIMIT_HEADERS, body: { error: 'InvalidRequest', message: 'Profile not found' } };
        const pages = content[field][account.person.did] ?? [[]];
        const index = request.query.cursor === undefined ? 0 : Number(request.query.cursor.slice(1)) - 1;
        const items = pages[index] ?? [];
        const cursor = index + 1 < pages.length ? { cursor: `p${index + 2}` } : {};
        const subject = field === 'feed' ? {} : { subject: profileView(account.person) };
        return json({ ...subject, [field]: items, ...cursor });
      },
    });
  list('app.bsky.graph.getFollows', 'follows');
  list('app.bsky.graph.getFollowers', 'followers');
  list('app.bsky.feed.getAuthorFeed', 'feed');
}
