import {
  bodyErrors,
  HttpError,
  type HttpRequest,
  type HttpResponse,
  type IdentityReport,
  type Page,
  type PaginationEnd,
  type PluginContext,
  paginate,
  paginationStrategies,
  type Rejection,
  relationSignalId,
  type Signal,
  type SourceBatch,
  type SourceRequest,
  signalId,
} from '@handshake/sdk';
import { jsonArray, jsonObject } from './json-fields.js';
import { compareIds, statusUrl, TWITTER, twitterIdentity } from './twitter-identity.js';
import { parseXApiCursor, type XApiAccountCursor, type XApiListCursor } from './x-api-cursor.js';
import { XApiError } from './x-api-error.js';
import { XApiIncludes } from './x-api-includes.js';
import type { XApiEndpoint, XApiSourceOptions } from './x-api-source-options.js';
import { xApiTweetSignals } from './x-api-tweet-signals.js';
import { type XApiUser, xApiUser, xApiUserIdentity } from './x-api-user.js';

/** Asked of every user object. `url` is a t.co link: the site it stands for is in `entities`. */
const USER_FIELDS = 'created_at,description,entities,public_metrics,url,username,name';
const TWEET_FIELDS = 'author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,entities';
const EXPANSIONS = 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username,in_reply_to_user_id';
/** Parameters that choose fields rather than a page: the places rejections name leave them out. */
const FIELD_PARAMETERS = ['user.fields', 'tweet.fields', 'expansions', 'max_results'];

type FollowList = 'following' | 'followers';
type Timeline = 'tweets' | 'mentions';

/** An account this run reads. */
interface Account {
  readonly id: string;
  readonly username: string | undefined;
}

/** The signals of one page, each with the place it came from. */
interface PageSignals {
  readonly signals: Signal[];
  readonly places: string[];
}

/** How a list of pages ended: as `paginate` says, or X refused the list (a protected or suspended account). */
type ListEnd = PaginationEnd | 'refused';

/**
 * One read of the X API v2 for the accounts the pipeline cares about: the profile of each, then
 * whom it follows and who follows it, its tweets and the tweets that mention it, and who liked its
 * latest tweets. Each page becomes one batch, with the cursor that follows it, so a run that stops
 * (a failure, the page limit, an abort) goes on from the next page.
 */
export class XApiReader {
  private readonly options: XApiSourceOptions;
  private readonly base: string;
  private readonly credential: { readonly bearer: string };
  private accounts: Record<string, XApiAccountCursor>;
  private usernames: Record<string, string>;
  private readonly watched = new Set<string>();
  /** Accounts whose identity this run already reported. */
  private readonly reported = new Set<string>();
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  private requests = 0;

  constructor(
    private readonly request: SourceRequest<XApiSourceOptions>,
    private readonly context: PluginContext,
  ) {
    this.options = request.options;
    this.base = request.options.baseUrl.replace(/\/+$/, '');
    this.credential = { bearer: request.options.bearerToken };
    const cursor = parseXApiCursor(request.cursor);
    this.accounts = { ...cursor.accounts };
    this.usernames = { ...cursor.usernames };
  }

  async *read(): AsyncGenerator<SourceBatch> {
    const accounts = await this.resolveAccounts();
    if (this.aborted) return;
    if (this.identities.length + this.rejected.length + this.skipped.length > 0) yield this.batch({ signals: [], places: [] });
    for (const account of accounts) {
      for (const endpoint of this.options.endpoints) {
        if (this.aborted) return;
        yield* this.readEndpoint(account, endpoint);
      }
    }
    if (this.aborted) return;
    if (accounts.length === 0) this.context.logger.info({ source: this.request.sourceId }, 'no x account to read');
    this.context.logger.debug({ accounts: accounts.length, requests: this.requests }, 'x api read');
    // Commits what is left: the last reports, and positions that moved without a page (a finished list).
    yield this.batch({ signals: [], places: [] });
  }

  private get aborted(): boolean {
    return this.request.abort.aborted;
  }

  private get now(): number {
    return this.context.clock.now();
  }

  private readEndpoint(account: Account, endpoint: XApiEndpoint): AsyncGenerator<SourceBatch> {
    switch (endpoint) {
      case 'following':
      case 'followers':
        return this.readFollowList(account, endpoint);
      case 'tweets':
      case 'mentions':
        return this.readTimeline(account, endpoint);
      case 'likes':
        return this.readLikes(account);
    }
  }

  /**
   * The accounts to read, once each: the pipeline's identities on `twitter`, most important first,
   * then the configured ones. Profiles are looked up when older than `refresh` (and usernames turned
   * into ids); an account X cannot find is skipped. Positions of accounts no longer read are dropped.
   */
  private async resolveAccounts(): Promise<Account[]> {
    const wanted: { id?: string; username?: string }[] = [];
    for (const identity of this.request.plan.on(TWITTER)) {
      if (/^\d+$/.test(identity.id)) wanted.push({ id: identity.id });
      else this.context.logger.debug({ identity: identity.id }, 'not an x account id: not read');
    }
    for (const account of this.options.accounts) {
      if (/^\d+$/.test(account)) wanted.push({ id: account });
      else wanted.push({ username: account.replace(/^@/, '') });
    }
    const usernames: Record<string, string> = {};
    const resolved: Account[] = [];
    for (const entry of wanted) {
      if (this.aborted) break;
      const account = await this.resolve(entry);
      if (!account) continue;
      if (entry.username !== undefined) usernames[entry.username.toLowerCase()] = account.id;
      if (this.watched.has(account.id)) continue;
      this.watched.add(account.id);
      resolved.push(account);
    }
    this.usernames = usernames;
    this.accounts = Object.fromEntries(Object.entries(this.accounts).filter(([id]) => this.watched.has(id)));
    return resolved;
  }

  private async resolve(entry: { id?: string; username?: string }): Promise<Account | undefined> {
    const known = entry.id ?? (entry.username === undefined ? undefined : this.usernames[entry.username.toLowerCase()]);
    const profileAt = known === undefined ? undefined : this.accounts[known]?.profileAt;
    if (known !== undefined && profileAt !== undefined && this.now - profileAt < this.options.refresh) {
      return { id: known, username: this.accounts[known]?.username ?? entry.username };
    }
    const url =
      entry.id !== undefined
        ? this.url(`/2/users/${entry.id}`, { 'user.fields': USER_FIELDS })
        : this.url(`/2/users/by/username/${encodeURIComponent(entry.username ?? '')}`, { 'user.fields': USER_FIELDS });
    const what = entry.id !== undefined ? `the profile of account ${entry.id}` : `the profile of @${entry.username}`;
    const bucket = entry.id !== undefined ? 'GET /2/users/:id' : 'GET /2/users/by/username/:username';
    let response: HttpResponse;
    this.requests++;
    try {
      response = await this.context.http.request(this.get(url, bucket));
    } catch (error) {
      if (isHttpError(error) && error.kind === 'body') {
        // Deleted, suspended, or no such username: nothing to read of it.
        this.skipped.push({ where: location(error.url), reason: `${what}: ${error.reason}` });
        this.context.logger.warn({ url: location(error.url), reason: error.reason }, 'x account not found: not read');
        return undefined;
      }
      throw this.failure(error, what);
    }
    const mapped = xApiUser(jsonObject(parseJson(response))?.data);
    if (!mapped.ok) {
      this.rejected.push({ where: location(url), reason: `${what}: ${mapped.reason}` });
      return undefined;
    }
    const user = mapped.user;
    const username = user.username ?? entry.username;
    this.accounts[user.id] = { ...this.accounts[user.id], profileAt: this.now, ...(username !== undefined ? { username } : {}) };
    this.report(user);
    return { id: user.id, username };
  }

  /**
   * Whom the account follows, or who follows it: `follow` signals, dated when X answered (the lists
   * carry no dates; the id leaves the date out, so a follow read again is the same signal).
   */
  private async *readFollowList(account: Account, list: FollowList): AsyncGenerator<SourceBatch> {
    const position = this.list(account, list);
    if (position.next === undefined && position.readAt !== undefined && this.now - position.readAt < this.options.refresh) return;
    const first = this.get(
      this.url(`/2/users/${account.id}/${list}`, { max_results: '1000', 'user.fields': USER_FIELDS }),
      `GET /2/users/:id/${list}`,
    );
    const me = twitterIdentity(account.id);
    const pages = this.pages(first, position.next, `the ${list} list of ${describe(account)}`);
    for (let step = await pages.next(); ; step = await pages.next()) {
      if (step.done) {
        if (step.value !== 'refused' && step.value !== 'page limit') this.setList(account, list, { readAt: this.now });
        return;
      }
      const page = step.value;
      const at = this.observedAt(page.response);
      const found: PageSignals = { signals: [], places: [] };
      for (const [index, item] of jsonArray(jsonObject(page.body)?.data).entries()) {
        const mapped = xApiUser(item);
        const where = place(page, index);
        if (!mapped.ok) {
          this.rejected.push({ where, reason: mapped.reason });
          continue;
        }
        if (mapped.user.id === account.id) continue;
        const other = twitterIdentity(mapped.user.id);
        const [actor, subject] = list === 'following' ? [me, other] : [other, me];
        found.signals.push({
          id: relationSignalId(TWITTER, 'follow', actor, subject),
          network: TWITTER,
          kind: 'follow',
          actor,
          subject,
          at,
        });
        found.places.push(where);
        this.report(mapped.user);
      }
      this.partialErrors(page);
      this.setList(account, list, page.next !== undefined ? { next: page.next } : { readAt: this.now });
      yield this.batch(found);
      if (this.aborted) return;
    }
  }

  /**
   * The account's tweets, or the tweets that mention it, newer than the last pass read. Tweets by
   * accounts this run does not read count only for what they do to the accounts it reads: a stranger's
   * mention of a target is kept, the rest of the stranger's tweet is not.
   */
  private async *readTimeline(account: Account, timeline: Timeline): AsyncGenerator<SourceBatch> {
    const position = this.list(account, timeline);
    const first = this.get(
      this.url(`/2/users/${account.id}/${timeline}`, {
        max_results: '100',
        'tweet.fields': TWEET_FIELDS,
        expansions: EXPANSIONS,
        'user.fields': USER_FIELDS,
        since_id: position.sinceId,
      }),
      `GET /2/users/:id/${timeline}`,
    );
    let newest = position.newest;
    const pages = this.pages(first, position.next, `the ${timeline} of ${describe(account)}`);
    for (let step = await pages.next(); ; step = await pages.next()) {
      if (step.done) {
        if (step.value !== 'refused' && step.value !== 'page limit') this.setList(account, timeline, finished(position.sinceId, newest));
        return;
      }
      const page = step.value;
      const includes = new XApiIncludes(page.body);
      const found: PageSignals = { signals: [], places: [] };
      const latest: string[] = [];
      for (const [index, item] of jsonArray(jsonObject(page.body)?.data).entries()) {
        const where = place(page, index);
        const mapped = xApiTweetSignals(item, { includes, ...(timeline === 'tweets' ? { timelineOwner: account } : {}) });
        if (!mapped.ok) {
          this.rejected.push({ where, reason: mapped.reason });
          continue;
        }
        const tweet = mapped.tweet;
        if (newest === undefined || compareIds(tweet.id, newest) > 0) newest = tweet.id;
        for (const reason of tweet.skipped) this.skipped.push({ where, reason });
        if (timeline === 'tweets' && tweet.author.id === account.id && !tweet.retweet) latest.push(tweet.id);
        const kept = this.watched.has(tweet.author.id)
          ? tweet.signals
          : tweet.signals.filter((signal) => this.watched.has(signal.actor.id) || this.watched.has(signal.subject.id));
        for (const signal of kept) {
          found.signals.push(signal);
          found.places.push(where);
        }
        this.reportInvolved(kept, includes);
      }
      this.partialErrors(page);
      this.remember(account, latest);
      this.setList(
        account,
        timeline,
        page.next !== undefined
          ? {
              ...(position.sinceId !== undefined ? { sinceId: position.sinceId } : {}),
              next: page.next,
              ...(newest !== undefined ? { newest } : {}),
            }
          : finished(position.sinceId, newest),
      );
      yield this.batch(found);
      if (this.aborted) return;
    }
  }

  /**
   * Who liked the account's latest tweets (`likesOfLatestTweets` of them): a `like` from each liker,
   * with the id the archive gives the same like. Likes carry no date: they are dated when X answered.
   */
  private async *readLikes(account: Account): AsyncGenerator<SourceBatch> {
    const latest = this.accounts[account.id]?.latest ?? [];
    for (const tweetId of latest.slice(0, this.options.likesOfLatestTweets)) {
      if (this.aborted) return;
      const first = this.get(
        this.url(`/2/tweets/${tweetId}/liking_users`, { max_results: '100', 'user.fields': USER_FIELDS }),
        'GET /2/tweets/:id/liking_users',
      );
      const subject = twitterIdentity(account.id);
      const url = statusUrl(tweetId, account.username);
      const pages = this.pages(first, undefined, `the likes of tweet ${tweetId} by ${describe(account)}`);
      for (let step = await pages.next(); ; step = await pages.next()) {
        if (step.done) {
          // A tweet X no longer shows (deleted) leaves the latest; `pages` reported it skipped.
          if (step.value === 'refused') this.forget(account, tweetId);
          break;
        }
        const page = step.value;
        const at = this.observedAt(page.response);
        const found: PageSignals = { signals: [], places: [] };
        for (const [index, item] of jsonArray(jsonObject(page.body)?.data).entries()) {
          const mapped = xApiUser(item);
          const where = place(page, index);
          if (!mapped.ok) {
            this.rejected.push({ where, reason: mapped.reason });
            continue;
          }
          if (mapped.user.id === account.id) continue;
          found.signals.push({
            id: signalId(TWITTER, tweetId, `like:${mapped.user.id}`),
            network: TWITTER,
            kind: 'like',
            actor: twitterIdentity(mapped.user.id),
            subject,
            at,
            object: { url },
          });
          found.places.push(where);
          this.report(mapped.user);
        }
        this.partialErrors(page);
        yield this.batch(found);
        if (this.aborted) return;
      }
    }
  }

  /**
   * The pages of a list, from `resumeFrom` when an earlier run stopped inside it. A list X refuses
   * inside a 200 (`errors` without `data`: a protected, suspended or deleted account or tweet) ends
   * with `refused` and a skipped report; a stored pagination token X no longer takes (400) starts the
   * list over, rather than failing every run; any other failure is thrown, naming the URL, and leaves
   * the positions where the last page put them.
   */
  private async *pages(first: HttpRequest, resumeFrom: string | undefined, what: string): AsyncGenerator<Page, ListEnd> {
    let from = resumeFrom;
    for (;;) {
      const pages = paginate(this.context.http, first, {
        strategy: paginationStrategies.xNextToken(),
        logger: this.context.logger,
        ...(from !== undefined ? { resumeFrom: from } : {}),
        maxPages: this.options.maxPages,
        items: (body) => jsonArray(jsonObject(body)?.data),
      });
      let yielded = false;
      for (;;) {
        let step: IteratorResult<Page, PaginationEnd>;
        try {
          step = await pages.next();
        } catch (error) {
          this.requests++;
          if (isHttpError(error) && error.kind === 'body') {
            this.skipped.push({ where: location(error.url), reason: `${what}: ${error.reason}` });
            return 'refused';
          }
          if (isHttpError(error) && error.status === 400 && from !== undefined && !yielded) break;
          throw this.failure(error, what);
        }
        if (step.done) {
          // These two ends fetched a page that brought nothing, and so was not yielded.
          if (step.value === 'empty page with a cursor' || step.value === 'no new items') this.requests++;
          return step.value;
        }
        this.requests++;
        yielded = true;
        yield step.value;
      }
      this.context.logger.warn({ list: what }, 'x refused the stored pagination token: reading the list from its first page');
      from = undefined;
    }
  }

  /** `errors` beside `data`: objects X could not give (a deleted tweet a retweet points at), each skipped. */
  private partialErrors(page: Page): void {
    for (const item of jsonArray(jsonObject(page.body)?.errors)) {
      const error = jsonObject(item);
      const title = typeof error?.title === 'string' ? error.title : 'error';
      const detail = typeof error?.detail === 'string' ? error.detail : JSON.stringify(item);
      this.skipped.push({ where: `${location(page.request.url)} (page ${page.index + 1})`, reason: `${title}: ${detail}` });
    }
  }

  /** Reports the accounts the kept signals involve, as the page's expansions describe them. */
  private reportInvolved(signals: readonly Signal[], includes: XApiIncludes): void {
    for (const signal of signals) {
      for (const identity of [signal.actor, signal.subject]) {
        if (identity.network !== TWITTER || this.reported.has(identity.id)) continue;
        const user = includes.user(identity.id);
        if (user) this.report(user);
      }
    }
  }

  private report(user: XApiUser): void {
    if (this.reported.has(user.id)) return;
    this.reported.add(user.id);
    this.identities.push(xApiUserIdentity(user));
  }

  /** Keeps the account's newest own tweets, for `readLikes`. */
  private remember(account: Account, tweets: readonly string[]): void {
    if (!this.options.endpoints.includes('likes') || tweets.length === 0) return;
    const latest = [...new Set([...(this.accounts[account.id]?.latest ?? []), ...tweets])]
      .sort((a, b) => compareIds(b, a))
      .slice(0, this.options.likesOfLatestTweets);
    this.accounts[account.id] = { ...this.accounts[account.id], latest };
  }

  private forget(account: Account, tweetId: string): void {
    const latest = (this.accounts[account.id]?.latest ?? []).filter((id) => id !== tweetId);
    this.accounts[account.id] = { ...this.accounts[account.id], latest };
  }

  private list(account: Account, list: FollowList | Timeline): XApiListCursor {
    return this.accounts[account.id]?.[list] ?? {};
  }

  private setList(account: Account, list: FollowList | Timeline, position: XApiListCursor): void {
    this.accounts[account.id] = { ...this.accounts[account.id], [list]: position };
  }

  /** The gathered reports and a page's signals, with the positions as they stand now. */
  private batch(found: PageSignals): SourceBatch {
    const { places } = found;
    const batch: SourceBatch = {
      signals: found.signals,
      where: (index) => places[index] ?? 'X API',
      identities: this.identities,
      rejected: this.rejected,
      skipped: this.skipped,
      cursor: JSON.stringify({ accounts: this.accounts, usernames: this.usernames }),
      progress: { done: this.requests, unit: 'requests' },
    };
    this.identities = [];
    this.rejected = [];
    this.skipped = [];
    return batch;
  }

  /** When X answered, for facts that carry no date: its Date header, else the clock. */
  private observedAt(response: HttpResponse): string {
    const stated = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
    return new Date(Number.isNaN(stated) ? this.now : stated).toISOString().replace('.000Z', 'Z');
  }

  private url(path: string, parameters: Readonly<Record<string, string | undefined>>): string {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
    return url.href;
  }

  private get(url: string, bucket: string): HttpRequest {
    return {
      url,
      headers: { accept: 'application/json' },
      credential: this.credential,
      // X counts each endpoint on its own 15-minute window.
      rateLimitBucket: bucket,
      bodyError: bodyErrors.x,
      abort: this.request.abort,
    };
  }

  private failure(error: unknown, what: string): unknown {
    if (this.aborted || !isHttpError(error)) return error;
    const hint =
      error.status === 403
        ? '; X refuses this endpoint to the app (its access level may not include it: leave it out of `endpoints`)'
        : error.status === 401
          ? '; X refused the bearer token'
          : '';
    return new XApiError(`cannot read ${what}: ${error.message}${hint}`, { cause: error });
  }
}

/** A finished timeline pass: the newest tweet it saw is where the next pass starts. */
function finished(sinceId: string | undefined, newest: string | undefined): XApiListCursor {
  const next = sinceId === undefined || (newest !== undefined && compareIds(newest, sinceId) > 0) ? newest : sinceId;
  return next === undefined ? {} : { sinceId: next };
}

/** Where a record sits: the page's URL without its field parameters, the page of this run, and the index in `data`. */
function place(page: Page, index: number): string {
  return `${location(page.request.url)} (page ${page.index + 1}, item ${index})`;
}

function location(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of FIELD_PARAMETERS) parsed.searchParams.delete(name);
    return parsed.href;
  } catch {
    return url;
  }
}

function describe(account: Account): string {
  return account.username ? `@${account.username} (${account.id})` : `account ${account.id}`;
}

/** A body that is not JSON reads as nothing, and the record is rejected for what it lacks. */
function parseJson(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** By name as well as by class: a plugin installed with its own copy of the SDK has another HttpError class. */
function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError || (error instanceof Error && error.name === 'HttpError' && 'reason' in error && 'kind' in error);
}
