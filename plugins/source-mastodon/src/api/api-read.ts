import {
  CountingHttpClient,
  type HttpResponse,
  type IdentityReport,
  type PluginContext,
  type Rejection,
  redactUrl,
  type Signal,
  type SourceBatch,
  type SourceRequest,
} from '@handshake/sdk';
import { followSignal } from '../accounts/follow-signal.js';
import { MASTODON_NETWORK, mastodonIdentity } from '../accounts/mastodon-account.js';
import { boostSignals } from '../statuses/boost-signals.js';
import { likeSignals } from '../statuses/like-signals.js';
import { type RecordSignals, statusSignals } from '../statuses/status-signals.js';
import { type AccountAddress, accountAddress } from './account-address.js';
import type { AccountDirectory } from './account-directory.js';
import { AccountLocator, type LocatedAccount } from './account-locator.js';
import { formatApiCursor, parseApiCursor } from './api-cursor.js';
import { describe } from './api-json.js';
import { readApiStatus, statusAccountIds } from './api-status.js';
import { failureReason, isHttpError, isRequestFailure } from './http-errors.js';
import { InstanceRegistry } from './instance-registry.js';
import { type ListPosition, listPages } from './list-pages.js';
import type { MastodonApiSourceOptions } from './mastodon-api-source-options.js';
import type { QueryValue } from './mastodon-instance.js';
import { NOTIFICATION_TYPES, notificationAccountIds, readNotification } from './notification-item.js';

/** Items per page: the largest Mastodon allows for each list. */
const STATUSES_PER_PAGE = 40;
const ACCOUNTS_PER_PAGE = 80;
const NOTIFICATIONS_PER_PAGE = 80;

/** One list of one account, and how its items become signals. */
interface ListRead {
  readonly account: LocatedAccount;
  readonly name: 'statuses' | 'following' | 'followers' | 'favourites' | 'notifications';
  readonly path: string;
  readonly query: Readonly<Record<string, QueryValue>>;
  readonly maxPages: number;
  readonly items: (items: readonly unknown[], where: (index: number) => string, response: HttpResponse) => Promise<void> | void;
}

/** The account whose lists are read, and what the read knows of it. */
interface Reader {
  readonly located: LocatedAccount;
  /** The token's account: its own hidden lists are visible to it. */
  readonly own: boolean;
}

/**
 * One read of the REST API: the token's account (its notifications and favourites first, then its
 * statuses and lists), then every account of the crawl plan and of the `accounts` option, each from
 * the instance that knows it best. A batch follows each page, with the position of every list, so a
 * stopped read loses nothing and the next run reads only what is new. A rate limit that outlasts the
 * HTTP client's patience ends the read early, keeping what was committed; the next run goes on.
 */
export class ApiRead {
  private readonly positions: Map<string, ListPosition>;
  private readonly instances: InstanceRegistry;
  private readonly locator: AccountLocator;
  private readonly reported = new Set<string>();
  /** Signal ids yielded by this read: a fact two lists report (a follow notification, a follower list) is yielded once, first as the dated one. */
  private readonly yielded = new Set<string>();
  private signals: Signal[] = [];
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  /** Whether a position changed since the last batch. */
  private moved = false;
  /** The plugin's client, counting requests for progress. */
  private readonly http: CountingHttpClient;

  constructor(
    private readonly context: PluginContext,
    private readonly request: SourceRequest<MastodonApiSourceOptions>,
  ) {
    this.positions = parseApiCursor(request.cursor);
    this.http = new CountingHttpClient(context.http);
    const { instance, token } = request.options;
    this.instances = new InstanceRegistry({
      http: this.http,
      configured: instance,
      ...(token === undefined ? {} : { credential: { bearer: token } }),
      abort: request.abort,
      logger: context.logger,
    });
    this.locator = new AccountLocator(this.instances);
  }

  async *read(): AsyncGenerator<SourceBatch> {
    try {
      const owner = await this.owner();
      const done = new Set<string>();
      if (owner !== undefined) {
        done.add(owner.account.account.id);
        yield* this.readOwnerLists(owner);
        yield* this.readAccount({ located: owner, own: true });
      }
      for (const address of this.addresses()) {
        if (this.request.abort.aborted) return;
        if (address.uri !== undefined && done.has(address.uri)) continue;
        const located = await this.locator.locate(address);
        if (!('account' in located)) {
          this.rejected.push({ where: address.given, reason: `account not found: ${located.reasons.join('; ')}` });
          continue;
        }
        this.report(this.withAlias(located.account.report, address));
        if (done.has(located.account.account.id)) continue;
        done.add(located.account.account.id);
        yield* this.readAccount({ located, own: false });
      }
    } catch (error) {
      if (this.request.abort.aborted) return;
      if (!isHttpError(error) || error.kind !== 'rate-limited') throw error;
      this.context.logger.warn(
        { url: error.url, retryAt: error.retryAt === undefined ? undefined : new Date(error.retryAt).toISOString() },
        'rate limited: the read stops here and the next run goes on',
      );
    }
    if (this.request.abort.aborted) return;
    if (this.pending) yield this.batch();
  }

  /** Whether anything waits for a batch: entries, or a position that moved. */
  private get pending(): boolean {
    return this.moved || this.signals.length + this.identities.length + this.rejected.length + this.skipped.length > 0;
  }

  /** The token's account, from `verify_credentials`; a token the instance refuses stops the source. */
  private async owner(): Promise<LocatedAccount | undefined> {
    const instance = this.instances.configured;
    if (!instance.authenticated) return undefined;
    const url = instance.url('/api/v1/accounts/verify_credentials');
    let body: unknown;
    try {
      body = await instance.get(url);
    } catch (error) {
      if (!isRequestFailure(error)) throw error;
      const refused = isHttpError(error) && (error.status === 401 || error.status === 403);
      throw new Error(
        refused
          ? `${instance.origin} refused the token (${failureReason(error)}): expected an access token of an account on that instance with the read scope`
          : `cannot read the token's account from ${instance.origin}: ${failureReason(error)}`,
        { cause: error },
      );
    }
    const directory = await this.instances.directory(instance.origin);
    const account = directory.remember(body);
    if (typeof account === 'string' || account.localId === undefined)
      throw new Error(`${url} did not describe the token's account: ${typeof account === 'string' ? account : 'it has no id'}`);
    this.report({ ...account.report, owner: true });
    return { instance, directory, account, localId: account.localId };
  }

  /** The crawl plan's Mastodon identities (the user, the targets, the introducers), then the `accounts` option. */
  private *addresses(): Generator<AccountAddress> {
    const seen = new Set<string>();
    for (const identity of this.request.plan.on(MASTODON_NETWORK)) {
      const address = accountAddress(identity.id);
      if (address === undefined)
        this.skipped.push({ where: `crawl plan ${identity.network}:${identity.id}`, reason: 'not an actor URI or an account address' });
      else if (!seen.has(address.given)) {
        seen.add(address.given);
        yield address;
      }
    }
    for (const text of this.request.options.accounts) {
      const address = accountAddress(text);
      if (address !== undefined && !seen.has(address.given)) {
        seen.add(address.given);
        yield address;
      }
    }
  }

  /**
   * An account found under an actor URI other than the one it was asked by (the crawl plan's
   * `https://host/users/name`, by Mastodon's convention, for an account whose URI is
   * `https://host/ap/users/123`) is one account under two ids: its own server said so. The link lets
   * the ledger join signals keyed either way.
   */
  private withAlias(report: IdentityReport, address: AccountAddress): IdentityReport {
    if (address.uri === undefined || address.uri === report.id) return report;
    return { ...report, links: [...(report.links ?? []), { to: mastodonIdentity(address.uri), evidence: 'verified-link' }] };
  }

  private async *readOwnerLists(owner: LocatedAccount): AsyncGenerator<SourceBatch> {
    const { pages } = this.request.options;
    const user = owner.account.account.id;
    // Notifications first: a follow they report carries its date, which a follower list does not.
    yield* this.readList({
      account: owner,
      name: 'notifications',
      path: '/api/v1/notifications',
      query: { limit: NOTIFICATIONS_PER_PAGE, types: NOTIFICATION_TYPES },
      maxPages: pages.notifications,
      items: async (items, where) => {
        await owner.directory.resolve(items.flatMap(notificationAccountIds));
        items.forEach((item, index) => {
          const read = readNotification(item, owner.directory, user);
          if ('rejected' in read) this.rejected.push({ where: where(index), reason: read.rejected });
          else this.add(read, where(index), read.identities);
        });
      },
    });
    yield* this.readList({
      account: owner,
      name: 'favourites',
      path: '/api/v1/favourites',
      query: { limit: STATUSES_PER_PAGE },
      maxPages: pages.favourites,
      items: (items, where) => {
        items.forEach((item, index) => {
          const read = readApiStatus(item, owner.directory);
          if (read.type === 'rejected') {
            this.rejected.push({ where: where(index), reason: read.reason });
            return;
          }
          // The API does not say when a status was liked: it is dated by the status, after which it was.
          const like =
            read.type === 'status'
              ? { status: read.status.uri, author: read.status.author, at: read.status.at, rawAt: read.status.rawAt }
              : { status: read.boost.boosted.uri, author: read.boost.boosted.author?.id, at: read.boost.at, rawAt: read.boost.rawAt };
          // Only the liked author is reported: the status's mentions are not fetched for a like.
          const author = read.identities.filter((identity) => identity.id === like.author);
          this.add(likeSignals({ ...like, liker: user }), where(index), author);
        });
      },
    });
  }

  private async *readAccount(reader: Reader): AsyncGenerator<SourceBatch> {
    const { located, own } = reader;
    const { instance, directory, account, localId } = located;
    const { pages } = this.request.options;
    const base = `/api/v1/accounts/${encodeURIComponent(localId)}`;
    const statuses = this.readList({
      account: located,
      name: 'statuses',
      path: `${base}/statuses`,
      query: { limit: STATUSES_PER_PAGE },
      maxPages: pages.statuses,
      items: (items, where) => this.statusItems(items, where, directory),
    });
    if (!(yield* statuses)) return;
    if (account.hidesCollections && !own) {
      this.skipped.push({
        where: instance.url(base),
        reason: 'the account hides whom it follows and who follows it (hide_collections): no follows read',
      });
      return;
    }
    for (const direction of ['following', 'followers'] as const) {
      const follows = this.readList({
        account: located,
        name: direction,
        path: `${base}/${direction}`,
        query: { limit: ACCOUNTS_PER_PAGE },
        maxPages: pages.follows,
        items: (items, where, response) => {
          const at = this.observedAt(response);
          items.forEach((item, index) => {
            const other = directory.remember(item);
            if (typeof other === 'string') {
              this.rejected.push({ where: where(index), reason: other });
              return;
            }
            const [follower, followed] =
              direction === 'following' ? [account.account.id, other.account.id] : [other.account.id, account.account.id];
            this.signals.push(followSignal(follower, followed, at));
            this.report(other.report);
          });
        },
      });
      if (!(yield* follows)) return;
    }
  }

  private async statusItems(items: readonly unknown[], where: (index: number) => string, directory: AccountDirectory): Promise<void> {
    await directory.resolve(items.flatMap(statusAccountIds));
    items.forEach((item, index) => {
      const read = readApiStatus(item, directory);
      if (read.type === 'rejected') this.rejected.push({ where: where(index), reason: read.reason });
      else this.add(read.type === 'status' ? statusSignals(read.status) : boostSignals(read.boost), where(index), read.identities);
    });
  }

  /**
   * Reads one list from its committed position, a batch per page. Returns false when the list failed
   * (the failure is rejected with its URL), so the account's other lists are not asked in vain; a rate
   * limit and an abort end the whole read.
   */
  private async *readList(list: ListRead): AsyncGenerator<SourceBatch, boolean> {
    const { instance, account } = list.account;
    const key = `${instance.origin} ${account.account.id} ${list.name}`;
    const pages = listPages({
      instance: list.account.instance,
      path: list.path,
      query: list.query,
      position: this.positions.get(key) ?? {},
      maxPages: list.maxPages,
      logger: this.context.logger,
    });
    try {
      for (;;) {
        const step = await pages.next();
        if (step.done) {
          this.place(key, step.value);
          return true;
        }
        const { page, position, where } = step.value;
        if (!Array.isArray(page.body)) {
          const received = page.body === undefined ? 'a body that is not JSON' : describe(page.body);
          this.rejected.push({
            where: redactUrl(page.request.url),
            reason: `expected a JSON array of the ${list.name}, received ${received}`,
          });
          return false;
        }
        await list.items(page.items, where, page.response);
        this.place(key, position);
        if (this.request.abort.aborted) return false;
        if (this.pending) yield this.batch();
      }
    } catch (error) {
      if (this.request.abort.aborted || !isRequestFailure(error)) throw error;
      this.rejected.push({ where: error.url, reason: failureReason(error) });
      return false;
    }
  }

  private place(key: string, position: ListPosition): void {
    const previous = this.positions.get(key);
    if (JSON.stringify(previous ?? {}) === JSON.stringify(position)) return;
    this.positions.set(key, position);
    this.moved = true;
  }

  private add(result: RecordSignals, where: string, identities: readonly IdentityReport[]): void {
    this.signals.push(...result.signals);
    for (const reason of result.notes) this.skipped.push({ where, reason });
    for (const identity of identities) this.report(identity);
  }

  /** Reports what is learned about an account once per read, unless it says something new. */
  private report(identity: IdentityReport): void {
    const key = JSON.stringify(identity);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.identities.push(identity);
  }

  /**
   * Follower and following lists give no date: a follow is dated when the server listed it (the
   * answer's `Date`), the first time handshake saw it. Later reads ask only for newer follows, and a
   * follow stored once keeps its first date.
   */
  private observedAt(response: HttpResponse): string {
    const date = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
    const time = Number.isNaN(date) ? this.context.clock.now() : date;
    return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  private batch(): SourceBatch {
    const signals = this.signals.filter((signal) => {
      if (this.yielded.has(signal.id)) return false;
      this.yielded.add(signal.id);
      return true;
    });
    const batch: SourceBatch = {
      signals,
      ...(this.identities.length > 0 ? { identities: this.identities } : {}),
      ...(this.rejected.length > 0 ? { rejected: this.rejected } : {}),
      ...(this.skipped.length > 0 ? { skipped: this.skipped } : {}),
      cursor: formatApiCursor(this.positions),
      progress: { done: this.http.requests, unit: 'requests' },
    };
    this.signals = [];
    this.identities = [];
    this.rejected = [];
    this.skipped = [];
    this.moved = false;
    return batch;
  }
}
