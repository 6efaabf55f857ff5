import type { FixtureServer } from '@handshake/testing';
import { apiAccount, apiNotification, apiStatus, mentionHtml } from './api-entities.js';
import { answer, mastodonList } from './mastodon-list.js';

type Json = Record<string, unknown>;

/** The account domain the home instance names in `/api/v2/instance`: not its web host, as on a split-domain server. */
export const HOME_DOMAIN = 'home.example';
export const TOKEN = 'tok-0123456789abcdef';

/**
 * Two instances: `home` (the configured one, where the user Ada has her token) and `far` (where the
 * target Dan lives). Each serves its lists with Mastodon's paging; the accounts and statuses hold the
 * traps of FORMATS.md §2.2: mentions without actor URIs, a reply known only by `in_reply_to_account_id`,
 * a direct status, a boost, a hidden follower list, an account whose URI has the `/ap/users/<id>` shape.
 */
export function mastodonWorld(home: FixtureServer, far: FixtureServer, options: { readonly newStatus?: boolean } = {}) {
  const h = home.url;
  const f = far.url;
  const farHost = new URL(f).host;
  const ada = apiAccount(h, '1', 'ada', {
    display_name: 'Ada Lovelace',
    followers_count: 2,
    following_count: 3,
    fields: [
      {
        name: 'site',
        value:
          '<a href="https://ada.example/" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">https://</span><span class="">ada.example/</span><span class="invisible"></span></a>',
        verified_at: '2024-01-01T00:00:00.000+00:00',
      },
      { name: 'work', value: '<a href="https://employer.example/" rel="nofollow noopener me">employer.example</a>', verified_at: null },
    ],
  });
  const bob = apiAccount(h, '3', 'bob');
  const carol = apiAccount(h, '4', 'carol');
  const erin = apiAccount(h, '5', 'erin', { hide_collections: true });
  const frank = apiAccount(h, '6', 'frank', { uri: `${h}/ap/users/6` });
  const gina = apiAccount(h, '8', 'gina', { display_name: 'Gina' });
  const danOnHome = apiAccount(f, '2', 'dan', { acct: `dan@${farHost}` });
  const danOnFar = apiAccount(f, '77', 'dan', { display_name: 'Dan', followers_count: 1, following_count: 1 });
  const adaOnFar = apiAccount(h, '78', 'ada', { acct: `ada@${HOME_DOMAIN}` });
  const carolOnFar = apiAccount(h, '79', 'carol', { acct: `carol@${HOME_DOMAIN}` });

  const d1 = apiStatus({ id: '9001', account: danOnHome, createdAt: '2026-07-01T09:00:00.000Z', content: '<p>Parsers, again.</p>' });
  const s0 = apiStatus({ id: '200', account: ada, createdAt: '2026-07-02T10:00:00.000Z', content: '<p>Hello world</p>' });
  const s1 = apiStatus({
    id: '201',
    account: ada,
    createdAt: '2026-07-02T10:05:00.000Z',
    content: '<p>And more.</p>',
    inReplyTo: { id: '200', accountId: '1' },
  });
  const s2 = apiStatus({
    id: '202',
    account: ada,
    createdAt: '2026-07-03T08:00:00.000Z',
    content:
      '<p>Read <a href="https://dan.example/posts/parsers" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">dan.example/posts/parsers</span><span class="invisible"></span></a> <a href="https://home.example/tags/Rust" class="mention hashtag" rel="tag">#<span>Rust</span></a></p>',
    tags: ['rust'],
  });
  const s3 = apiStatus({
    id: '203',
    account: ada,
    createdAt: '2026-07-04T08:00:00.000Z',
    content: `<p>${mentionHtml(danOnHome)} ${mentionHtml(gina)} agreed!</p>`,
    mentions: [danOnHome, gina],
    inReplyTo: { id: '9001', accountId: '2' },
  });
  const s4 = apiStatus({
    id: '204',
    account: ada,
    createdAt: '2026-07-05T08:00:00.000Z',
    content: `<p>${mentionHtml(bob)} see you at six</p>`,
    mentions: [bob],
    visibility: 'direct',
  });
  const s5 = apiStatus({ id: '205', account: ada, createdAt: '2026-07-06T08:00:00.000Z', reblog: d1 });
  const s6 = apiStatus({ id: '206', account: ada, createdAt: '2026-08-01T08:00:00.000Z', content: '<p>New</p>' });
  const b1 = apiStatus({
    id: '300',
    account: bob,
    createdAt: '2026-07-07T08:00:00.000Z',
    content: `<p>${mentionHtml(ada)} thanks for the talk</p>`,
    mentions: [ada],
  });
  const notifications = [
    apiNotification('105', 'poll', gina, '2026-07-09T12:00:00.000Z'),
    apiNotification('104', 'follow', carol, '2026-07-08T12:00:00.000Z'),
    apiNotification('103', 'favourite', danOnHome, '2026-07-08T11:00:00.000Z', s2),
    apiNotification('102', 'reblog', carol, '2026-07-08T10:00:00.000Z', s2),
    apiNotification('101', 'mention', bob, '2026-07-07T08:00:01.000Z', b1),
  ];
  const d2 = apiStatus({
    id: '9002',
    account: danOnFar,
    createdAt: '2026-07-10T09:00:00.000Z',
    content: `<p>${mentionHtml(adaOnFar)} glad you liked it</p>`,
    mentions: [adaOnFar],
    inReplyTo: { id: '9500', accountId: '78' },
  });

  const list = (server: FixtureServer, path: string, items: readonly Json[], options: Parameters<typeof mastodonList>[1] = {}) =>
    server.route({ path, responses: mastodonList(items, options) });
  const routes = {
    instance: home.route({ path: '/api/v2/instance', responses: answer({ domain: HOME_DOMAIN, title: 'Home' }) }),
    verify: home.route({ path: '/api/v1/accounts/verify_credentials', responses: answer(ada) }),
    notifications: list(home, '/api/v1/notifications', notifications, { pageSize: 5 }),
    favourites: list(home, '/api/v1/favourites', [d1], { cursor: () => '31' }),
    statuses: list(home, '/api/v1/accounts/1/statuses', [...(options.newStatus ? [s6] : []), s5, s4, s3, s2, s1, s0], { pageSize: 5 }),
    bulk: home.route({ path: '/api/v1/accounts', query: { 'id[]': '8' }, exactQuery: true, responses: answer([gina]) }),
    following: list(home, '/api/v1/accounts/1/following', [danOnHome, carol, bob], {
      pageSize: 2,
      prev: 'since_id',
      cursor: (_, index) => String(903 - index),
    }),
    followers: list(home, '/api/v1/accounts/1/followers', [carol, bob], { prev: 'since_id', cursor: (_, index) => String(951 - index) }),
    lookupErin: home.route({ path: '/api/v1/accounts/lookup', query: { acct: 'erin' }, responses: answer(erin) }),
    lookupFrank: home.route({ path: '/api/v1/accounts/lookup', query: { acct: 'frank' }, responses: answer(frank) }),
    erinStatuses: list(home, '/api/v1/accounts/5/statuses', []),
    frankStatuses: list(home, '/api/v1/accounts/6/statuses', []),
    frankFollowing: list(home, '/api/v1/accounts/6/following', [], { prev: 'since_id' }),
    frankFollowers: list(home, '/api/v1/accounts/6/followers', [], { prev: 'since_id' }),
    farLookup: far.route({ path: '/api/v1/accounts/lookup', query: { acct: 'dan' }, responses: answer(danOnFar) }),
    farInstance: far.route({ path: '/api/v2/instance', responses: { status: 404, body: { error: 'Not Found' } } }),
    farBulk: far.route({ path: '/api/v1/accounts', responses: { status: 404, body: { error: 'Not Found' } } }),
    farAdaById: far.route({ path: '/api/v1/accounts/78', responses: answer(adaOnFar) }),
    farStatuses: list(far, '/api/v1/accounts/77/statuses', [d2]),
    farFollowing: list(far, '/api/v1/accounts/77/following', [adaOnFar], { prev: 'since_id', cursor: () => '41' }),
    farFollowers: list(far, '/api/v1/accounts/77/followers', [carolOnFar], { prev: 'since_id', cursor: () => '42' }),
  };
  return {
    routes,
    accounts: { ada, bob, carol, erin, frank, gina, danOnHome, danOnFar },
    statuses: { d1, d2, s0, s1, s2, s3, s4, s5, b1 },
    uri: {
      ada: `${h}/users/ada`,
      bob: `${h}/users/bob`,
      carol: `${h}/users/carol`,
      gina: `${h}/users/gina`,
      erin: `${h}/users/erin`,
      frank: `${h}/ap/users/6`,
      dan: `${f}/users/dan`,
    },
  };
}
