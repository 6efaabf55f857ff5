import { type HttpClient, type Signal } from '@handshake/sdk';
import { RecordingLogger } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { apiAccount, apiNotification, apiStatus, mentionHtml } from '../__fixtures__/api-entities.js';
import { followSignal } from '../accounts/follow-signal.js';
import type { ArchiveOwner } from '../archive/archive-owner.js';
import { followingRows } from '../archive/following-rows.js';
import { outboxItem } from '../archive/outbox-item.js';
import { boostSignals } from '../statuses/boost-signals.js';
import { likeSignals } from '../statuses/like-signals.js';
import { statusAuthor } from '../statuses/status-author.js';
import { statusSignals } from '../statuses/status-signals.js';
import { AccountDirectory } from './account-directory.js';
import { readApiStatus } from './api-status.js';
import { MastodonInstance } from './mastodon-instance.js';
import { readNotification } from './notification-item.js';

const ADA = 'https://home.example/users/ada';
const DAN = 'https://far.example/users/dan';
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const owner = (id: string): ArchiveOwner => ({
  account: { id },
  report: { network: 'mastodon', id, owner: true },
  followers: new Set([`${id}/followers`]),
});

/** The accounts as home.example's REST API serves them; every one is known, so no request goes out. */
function homeDirectory() {
  const offline: HttpClient = {
    request: (request) => Promise.reject(new Error(`unexpected request to ${request.url}`)),
    nextAllowedAt: () => 0,
    rateLimit: () => undefined,
  };
  const logger = new RecordingLogger();
  const instance = new MastodonInstance({ http: offline, origin: 'https://home.example', abort: new AbortController().signal, logger });
  const directory = new AccountDirectory(instance, 'home.example', logger);
  const ada = apiAccount('https://home.example', '1', 'ada');
  const dan = apiAccount('https://far.example', '2', 'dan', { acct: 'dan@far.example' });
  const bob = apiAccount('https://home.example', '3', 'bob');
  for (const account of [ada, dan, bob]) directory.remember(account);
  return { directory, ada, dan, bob };
}

/** What must agree between sources: the id, the kind, who to whom. */
const fact = (signal: Signal) => `${signal.id} ${signal.kind} ${signal.actor.id} > ${signal.subject.id}`;

function signalsOf(result: { signals: Signal[] } | { rejected: string }): Signal[] {
  if ('rejected' in result) throw new Error(result.rejected);
  return result.signals;
}

describe('the archive and the REST API name the same facts alike', () => {
  it('a reply that mentions a second account, with a hashtag and a link', () => {
    const { directory, ada, dan, bob } = homeDirectory();
    const uri = `${ADA}/statuses/110`;
    const html = `<p>${mentionHtml(dan)} ${mentionHtml(bob)} agreed, see <a href="https://dan.example/posts/1">this</a> <a href="https://home.example/tags/rust" class="mention hashtag" rel="tag">#<span>Rust</span></a></p>`;
    const archived = outboxItem(
      {
        id: `${uri}/activity`,
        type: 'Create',
        actor: ADA,
        published: '2024-01-03T08:00:00Z',
        to: [PUBLIC],
        cc: [`${ADA}/followers`, DAN, 'https://home.example/users/bob'],
        object: {
          id: uri,
          type: 'Note',
          inReplyTo: `${DAN}/statuses/9`,
          published: '2024-01-03T08:00:00Z',
          url: 'https://home.example/@ada/110',
          attributedTo: ADA,
          to: [PUBLIC],
          cc: [`${ADA}/followers`, DAN, 'https://home.example/users/bob'],
          content: html,
          tag: [
            { type: 'Mention', href: DAN, name: '@dan@far.example' },
            { type: 'Mention', href: 'https://home.example/users/bob', name: '@bob' },
            { type: 'Hashtag', href: 'https://home.example/tags/rust', name: '#Rust' },
          ],
        },
      },
      owner(ADA),
    );
    const api = readApiStatus(
      apiStatus({
        id: '110',
        account: ada,
        createdAt: '2024-01-03T08:00:00.000Z',
        content: html,
        mentions: [dan, bob],
        tags: ['rust'],
        inReplyTo: { id: '4242', accountId: '2' },
      }),
      directory,
    );
    if (archived.type !== 'status' || api.type !== 'status') throw new Error('expected two statuses');
    const fromArchive = statusSignals(archived.status).signals;
    const fromApi = statusSignals(api.status).signals;
    expect(fromApi.map(fact)).toEqual(fromArchive.map(fact));
    expect(fromApi.map(fact)).toEqual([
      `mastodon:${uri} post ${ADA} > ${ADA}`,
      `mastodon:${uri}#reply reply ${ADA} > ${DAN}`,
      `mastodon:${uri}#mention:https://home.example/users/bob mention ${ADA} > https://home.example/users/bob`,
      `mastodon:${uri}#link:https://dan.example link ${ADA} > https://dan.example`,
    ]);
    expect(fromApi[0]?.object).toEqual(fromArchive[0]?.object);
  });

  it('a direct message', () => {
    const { directory, ada, bob } = homeDirectory();
    const uri = `${ADA}/statuses/111`;
    const html = `<p>${mentionHtml(bob)} six?</p>`;
    const bobUri = 'https://home.example/users/bob';
    const archived = outboxItem(
      {
        type: 'Create',
        actor: ADA,
        object: {
          id: uri,
          type: 'Note',
          published: '2024-01-04T09:00:00Z',
          to: [bobUri],
          cc: [],
          content: html,
          tag: [{ type: 'Mention', href: bobUri, name: '@bob' }],
        },
      },
      owner(ADA),
    );
    const api = readApiStatus(
      apiStatus({ id: '111', account: ada, createdAt: '2024-01-04T09:00:00.000Z', content: html, mentions: [bob], visibility: 'direct' }),
      directory,
    );
    if (archived.type !== 'status' || api.type !== 'status') throw new Error('expected two statuses');
    expect(statusSignals(api.status).signals.map(fact)).toEqual(statusSignals(archived.status).signals.map(fact));
    expect(statusSignals(api.status).signals.map(fact)).toEqual([`mastodon:${uri}#message:${bobUri} message ${ADA} > ${bobUri}`]);
  });

  it("a boost: the booster's archive, the booster's statuses, the boosted author's notification", () => {
    const { directory, ada, dan } = homeDirectory();
    const boosted = `${DAN}/statuses/9`;
    const archived = outboxItem(
      {
        id: `${ADA}/statuses/112/activity`,
        type: 'Announce',
        actor: ADA,
        published: '2024-01-05T10:00:00Z',
        to: [PUBLIC],
        cc: [DAN, `${ADA}/followers`],
        object: boosted,
      },
      owner(ADA),
    );
    const original = apiStatus({ id: '9', account: dan, createdAt: '2024-01-01T00:00:00.000Z', content: '<p>hi</p>' });
    const api = readApiStatus(apiStatus({ id: '112', account: ada, createdAt: '2024-01-05T10:00:00.000Z', reblog: original }), directory);
    const notified = readNotification(apiNotification('7', 'reblog', ada, '2024-01-05T10:00:01.000Z', original), directory, DAN);
    if (archived.type !== 'boost' || api.type !== 'boost') throw new Error('expected two boosts');
    const expected = [`mastodon:${boosted}#share:${ADA} share ${ADA} > ${DAN}`];
    expect(boostSignals(archived.boost).signals.map(fact)).toEqual(expected);
    expect(boostSignals(api.boost).signals.map(fact)).toEqual(expected);
    expect(signalsOf(notified).map(fact)).toEqual(expected);
  });

  it("a like: the liker's likes.json and the liked author's notification", () => {
    const { directory, dan } = homeDirectory();
    const liked = `${ADA}/statuses/113`;
    const archived = likeSignals({ status: liked, author: statusAuthor(liked), liker: DAN, at: '2024-02-03T10:00:00Z' });
    const status = apiStatus({ id: '113', account: apiAccount('https://home.example', '1', 'ada'), createdAt: '2024-01-06T00:00:00.000Z' });
    const notified = readNotification(apiNotification('8', 'favourite', dan, '2024-01-06T12:00:00.000Z', status), directory, ADA);
    expect(signalsOf(notified).map(fact)).toEqual(archived.signals.map(fact));
    expect(signalsOf(notified)[0]?.at).toBe('2024-01-06T12:00:00.000Z');
  });

  it("a follow: the follower's CSV, a follower list, the followed account's notification", () => {
    const { directory, ada } = homeDirectory();
    const [row] = [...followingRows('Account address,Show boosts,Notify on new posts,Languages\nada@home.example,true,false,\n')];
    if (row === undefined || 'reason' in row) throw new Error('expected a row');
    const fromCsv = followSignal(DAN, row.account.id, '2024-03-01T12:00:00Z');
    const fromList = followSignal(DAN, ADA, '2026-08-01T14:00:00Z');
    const notified = readNotification(
      apiNotification(
        '9',
        'follow',
        apiAccount('https://far.example', '2', 'dan', { acct: 'dan@far.example' }),
        '2024-02-01T00:00:00.000Z',
      ),
      directory,
      ADA,
    );
    expect(fact(fromList)).toBe(fact(fromCsv));
    expect(signalsOf(notified).map(fact)).toEqual([fact(fromCsv)]);
    expect(ada.uri).toBe(ADA);
  });
});
