import {
  type HttpRequest,
  type HttpResponse,
  type IdentityRef,
  type IdentityReport,
  inject,
  injectable,
  type Page,
  type PaginationEnd,
  PluginContext,
  paginate,
  paginationStrategies,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
} from '@handshake/sdk';
import { BLUESKY, blueskyIdentity } from '../bluesky-identity.js';
import { BlueskyReadError } from '../bluesky-read-error.js';
import { isHttpError } from '../is-http-error.js';
import { isoInstant } from '../syntax/atproto-datetime.js';
import { isDid } from '../syntax/did.js';
import { isHandle } from '../syntax/handle.js';
import { type AppViewCursor, type EndpointName, type EndpointState, parseAppViewCursor } from './appview-cursor.js';
import { APPVIEW_ENDPOINTS, type AppViewEndpoint, type PageTime } from './appview-endpoints.js';
import { BlueskyAppViewOptions } from './bluesky-appview-options.js';
import { ListProgress, type OrderedItem } from './list-progress.js';
import { profileReport } from './profile-report.js';
import { describeXrpcError, xrpcError } from './xrpc-error.js';

/** `app.bsky.actor.getProfiles` takes at most 25 actors. */
const PROFILES_PER_REQUEST = 25;

type Lists = Partial<Record<EndpointName, EndpointState>>;

/** The accounts of one poll, resolved to DIDs, with what was learned on the way. */
interface ResolvedAccounts {
  readonly dids: string[];
  readonly identities: IdentityReport[];
  readonly skipped: Rejection[];
}

/** What one poll has read so far: the cursor it would commit now. */
class PollState {
  private readonly accounts: Record<string, Lists>;
  requests = 0;

  constructor(cursor: AppViewCursor) {
    this.accounts = { ...cursor.accounts };
  }

  list(did: string, name: EndpointName): EndpointState | undefined {
    return this.accounts[did]?.[name];
  }

  set(did: string, name: EndpointName, state: EndpointState): void {
    this.accounts[did] = { ...this.accounts[did], [name]: state };
  }

  cursor(): string {
    return JSON.stringify({ version: 1, accounts: this.accounts } satisfies AppViewCursor);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports of one batch, one per account: the fields of later reports fill in the earlier ones. */
function mergeReports(reports: readonly IdentityReport[]): IdentityReport[] {
  const merged = new Map<string, IdentityReport>();
  for (const report of reports) merged.set(report.id, { ...merged.get(report.id), ...report });
  return [...merged.values()];
}

/**
 * Reads Bluesky's public AppView, with no login: the profiles of the accounts the crawl plan names (the user,
 * the targets, the introducers) and of those listed in `accounts`, whom each follows, who follows each, and
 * each one's posts, replies, quotes and reposts. That is the world an export cannot show: a user's own repo
 * holds only the user's own records.
 *
 * Every list comes newest first. The cursor keeps, per account and list, the newest items read (a poll stops
 * there) and the page cursors of stretches a poll left at its page limit (later polls go on from there), so a
 * re-poll fetches only what is new. A batch is yielded for each page, with the cursor after that page.
 */
@injectable()
export class BlueskyAppViewSource implements SourceContribution<BlueskyAppViewOptions> {
  readonly kind = 'bluesky';
  readonly options = BlueskyAppViewOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  async *read(request: SourceRequest<BlueskyAppViewOptions>): AsyncIterable<SourceBatch> {
    const { options } = request;
    const actors = this.actorsOf(request);
    if (actors.length === 0) {
      this.context.logger.info({ source: request.sourceId }, 'no bluesky accounts in the plan or the options: nothing to read');
      return;
    }
    const poll = new PollState(parseAppViewCursor(request.cursor));
    const accounts = await this.resolve(actors, request, poll);
    yield { signals: [], identities: accounts.identities, skipped: accounts.skipped, cursor: poll.cursor() };

    const failures: BlueskyReadError[] = [];
    for (const did of accounts.dids) {
      for (const name of options.read) {
        if (request.abort.aborted) return;
        const endpoint = APPVIEW_ENDPOINTS[name];
        try {
          yield* this.readList(blueskyIdentity(did), endpoint, request, poll);
        } catch (error) {
          if (request.abort.aborted || !isHttpError(error)) throw error;
          const failure = new BlueskyReadError(`cannot read ${endpoint.method} of ${did}: ${error.message}`, { cause: error });
          // A rate limit longer than the client waits holds for every request to the AppView: stop now.
          if (error.kind === 'rate-limited') throw failure;
          this.context.logger.warn({ source: request.sourceId, did, list: name, error: error.message }, 'bluesky list failed');
          failures.push(failure);
        }
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      const lines = failures.map((failure) => `- ${failure.message}`).join('\n');
      throw new BlueskyReadError(`${failures.length} Bluesky lists could not be read (the others were):\n${lines}`, { cause: failures[0] });
    }
  }

  /** The accounts to read: those listed first, then the plan's (the user, targets, introducers), each once. */
  private actorsOf(request: SourceRequest<BlueskyAppViewOptions>): string[] {
    const actors: string[] = [...request.options.accounts];
    for (const identity of request.plan.on(BLUESKY)) {
      const handle = identity.id.replace(/^@/, '').toLowerCase();
      if (isDid(identity.id)) {
        actors.push(identity.id);
      } else if (isHandle(handle)) {
        this.context.logger.warn(
          { source: request.sourceId, identity: identity.id },
          'a bluesky identity in the config is a handle: Bluesky identities are DIDs, so signals will not meet it; write its DID instead',
        );
        actors.push(handle);
      } else {
        this.context.logger.warn(
          { source: request.sourceId, identity: identity.id },
          'a bluesky identity in the config is neither a DID nor a handle',
        );
      }
    }
    const unique = [...new Set(actors)];
    if (unique.length > request.options.maxAccounts) {
      this.context.logger.info(
        { source: request.sourceId, accounts: unique.length, maxAccounts: request.options.maxAccounts },
        'more bluesky accounts than maxAccounts: the first ones are read',
      );
    }
    return unique.slice(0, request.options.maxAccounts);
  }

  /**
   * Profiles of every account, 25 to a request (`getProfiles` takes handles and DIDs alike, so it also
   * resolves the handles); a handle it does not return is resolved with `resolveHandle`, whose error says why.
   */
  private async resolve(
    actors: readonly string[],
    request: SourceRequest<BlueskyAppViewOptions>,
    poll: PollState,
  ): Promise<ResolvedAccounts> {
    const identities: IdentityReport[] = [];
    const skipped: Rejection[] = [];
    const byActor = new Map<string, string>();
    const missing = new Map<string, string>();
    for (let start = 0; start < actors.length; start += PROFILES_PER_REQUEST) {
      const chunk = actors.slice(start, start + PROFILES_PER_REQUEST);
      const url = this.xrpcUrl(
        request.options.appView,
        'app.bsky.actor.getProfiles',
        chunk.map((actor) => ['actors', actor]),
      );
      const response = await this.call(url, 'app.bsky.actor.getProfiles', request, poll);
      const profiles = this.body(response);
      if (response.status === 400) {
        // No profiles: the DIDs are read without them, the handles are resolved one by one.
        const error = xrpcError(profiles);
        skipped.push({ where: url, reason: `app.bsky.actor.getProfiles: ${error ? describeXrpcError(error) : 'HTTP 400'}` });
        for (const actor of chunk) {
          if (isDid(actor)) byActor.set(actor, actor);
          else missing.set(actor, url);
        }
        continue;
      }
      const views = isObject(profiles) && Array.isArray(profiles.profiles) ? profiles.profiles : [];
      for (const view of views) {
        const report = profileReport(view);
        if (report === undefined) continue;
        identities.push(report);
        byActor.set(report.id, report.id);
        if (report.handle !== undefined) byActor.set(report.handle, report.id);
      }
      for (const actor of chunk) if (!byActor.has(actor)) missing.set(actor, url);
    }
    for (const [actor, url] of missing) {
      if (isDid(actor)) {
        skipped.push({ where: url, reason: `no profile for ${actor}: the account is deleted, deactivated or taken down` });
        continue;
      }
      const resolveUrl = this.xrpcUrl(request.options.appView, 'com.atproto.identity.resolveHandle', [['handle', actor]]);
      const response = await this.call(resolveUrl, 'com.atproto.identity.resolveHandle', request, poll);
      const body = this.body(response);
      if (response.status === 400 || !isObject(body) || !isDid(body.did)) {
        const error = xrpcError(body);
        skipped.push({
          where: resolveUrl,
          reason: `the handle ${actor} does not resolve: ${error ? describeXrpcError(error) : 'no DID in the answer'}`,
        });
        continue;
      }
      byActor.set(actor, body.did);
    }
    const dids = [...new Set(actors.map((actor) => byActor.get(actor)).filter((did): did is string => did !== undefined))];
    return { dids, identities, skipped };
  }

  /** Reads one list of one account: the stretches its state says are unread, up to the page limit. */
  private async *readList(
    account: IdentityRef,
    endpoint: AppViewEndpoint,
    request: SourceRequest<BlueskyAppViewOptions>,
    poll: PollState,
  ): AsyncGenerator<SourceBatch> {
    const { options } = request;
    const progress = new ListProgress(poll.list(account.id, endpoint.name));
    const first: HttpRequest = {
      url: this.xrpcUrl(options.appView, endpoint.method, [
        ['actor', account.id],
        ['limit', String(options.pageSize)],
        ...Object.entries(endpoint.parameters),
      ]),
      headers: { accept: 'application/json' },
      abort: request.abort,
      acceptStatus: [400],
    };
    let budget = options.maxPages;
    let pageNumber = 0;
    for (let segment = progress.current; segment !== undefined && budget > 0; segment = progress.current) {
      const pagination = paginate(this.context.http, first, {
        strategy: paginationStrategies.bodyCursor(),
        logger: this.context.logger,
        maxPages: budget,
        ...(segment.cursor === undefined ? {} : { resumeFrom: segment.cursor }),
        items: (body) => (isObject(body) && Array.isArray(body[endpoint.field]) ? (body[endpoint.field] as unknown[]) : undefined),
        itemId: (item) => endpoint.key(item),
      });
      let pages = 0;
      // A look at the top that finds nothing new costs a request but no page of the budget, so the stretches
      // left by earlier polls go on even at maxPages 1.
      let uncounted = 0;
      let end: PaginationEnd | undefined;
      try {
        for (;;) {
          const step = await pagination.next();
          if (step.done) {
            end = step.value;
            break;
          }
          const page = step.value;
          pages++;
          pageNumber++;
          poll.requests++;
          if (page.response.status === 400) {
            // BlockedActor, BlockedByActor, an unknown or taken-down actor: reported, and the list is left as it
            // stood. A stored page cursor the AppView refuses would be refused on every poll: it is given up.
            const error = xrpcError(page.body);
            let reason = `${endpoint.method} of ${account.id}: ${error ? describeXrpcError(error) : 'HTTP 400'}`;
            if (page.cursor !== undefined) {
              progress.segmentEnded();
              poll.set(account.id, endpoint.name, progress.state());
              reason += `; the pages from cursor ${page.cursor} on are given up`;
            }
            this.context.logger.warn({ source: request.sourceId, url: page.request.url, reason }, 'bluesky list refused');
            yield { signals: [], skipped: [{ where: page.request.url, reason }], cursor: poll.cursor() };
            return;
          }
          const { batch, ended, fresh } = this.pageBatch(page, pageNumber, account, endpoint, progress);
          if (segment.cursor === undefined && pages === 1 && fresh === 0 && ended) uncounted++;
          poll.set(account.id, endpoint.name, progress.state());
          yield { ...batch, cursor: poll.cursor(), progress: { done: poll.requests, unit: 'requests' } };
          // At the end of the list the pages end by themselves, and say why (a repeated cursor, say).
          if (ended && page.next !== undefined) break;
        }
      } finally {
        // Closes the pages when the reading stopped early; the value is not read.
        await pagination.return(end ?? 'last page');
      }
      budget -= pages === 0 ? 1 : pages - uncounted;
      if (end === 'empty page with a cursor' || end === 'no new items') {
        // The pages ran out without one to show for it: the stretch is over.
        progress.segmentEnded();
        poll.set(account.id, endpoint.name, progress.state());
        yield { signals: [], cursor: poll.cursor() };
      }
    }
    if (progress.dropped > 0) {
      this.context.logger.warn(
        { source: request.sourceId, did: account.id, list: endpoint.name, dropped: progress.dropped },
        'bluesky list grows faster than it is read: the oldest unread stretches are given up',
      );
    }
  }

  /** The signals of one page, the new items only; `ended` when the page reached what was read before or the end. */
  private pageBatch(
    page: Page<unknown>,
    pageNumber: number,
    account: IdentityRef,
    endpoint: AppViewEndpoint,
    progress: ListProgress,
  ): { batch: Omit<SourceBatch, 'cursor'>; ended: boolean; fresh: number } {
    if (!isObject(page.body) || !Array.isArray(page.body[endpoint.field])) {
      // A 200 without the list: nothing to read, and no cursor to trust.
      progress.pageRead([], true, undefined);
      const rejected = [{ where: `${page.request.url} (page ${pageNumber})`, reason: `expected a ${endpoint.field} array in the answer` }];
      return { batch: { signals: [], rejected }, ended: true, fresh: 0 };
    }
    const ordered: OrderedItem[] = page.items.map((item) => ({
      key: endpoint.key(item),
      time: endpoint.time?.(item),
      outOfOrder: endpoint.outOfOrder?.(item) ?? false,
    }));
    const { fresh, reachedStop } = progress.freshCount(ordered);
    progress.pageRead(ordered.slice(0, fresh), reachedStop, page.next);
    const served = this.servedAt(page.response);
    const signals: Signal[] = [];
    const wheres: string[] = [];
    const identities: IdentityReport[] = [];
    const rejected: Rejection[] = [];
    const skipped: Rejection[] = [];
    for (const [index, item] of page.items.slice(0, fresh).entries()) {
      const where = `${page.request.url} (page ${pageNumber}, item ${index + 1})`;
      const outcome = endpoint.map(item, account, served);
      if (outcome.rejected !== undefined) rejected.push({ where, reason: outcome.rejected });
      for (const note of outcome.notes) skipped.push({ where, reason: note });
      identities.push(...outcome.identities);
      for (const signal of outcome.signals) {
        signals.push(signal);
        wheres.push(where);
      }
    }
    return {
      batch: { signals, where: (index) => wheres[index] ?? page.request.url, identities: mergeReports(identities), rejected, skipped },
      ended: reachedStop || page.next === undefined,
      fresh,
    };
  }

  /** When the page was served (its Date header), the latest a follow in it can have happened. */
  private servedAt(response: HttpResponse): PageTime {
    const header = response.headers.date;
    const time = header === undefined ? Number.NaN : Date.parse(header);
    if (Number.isNaN(time)) return { at: isoInstant(this.context.clock.now()) };
    return { at: isoInstant(time), rawAt: header as string };
  }

  private async call(url: string, method: string, request: SourceRequest<BlueskyAppViewOptions>, poll: PollState): Promise<HttpResponse> {
    poll.requests++;
    try {
      return await this.context.http.request({ url, headers: { accept: 'application/json' }, abort: request.abort, acceptStatus: [400] });
    } catch (error) {
      if (request.abort.aborted || !isHttpError(error)) throw error;
      throw new BlueskyReadError(`cannot read ${method}: ${error.message}`, { cause: error });
    }
  }

  private body(response: HttpResponse): unknown {
    try {
      return response.json();
    } catch {
      return undefined;
    }
  }

  private xrpcUrl(base: string, method: string, parameters: readonly (readonly [string, string])[]): string {
    const url = new URL(`xrpc/${method}`, base.endsWith('/') ? base : `${base}/`);
    for (const [name, value] of parameters) url.searchParams.append(name, value);
    return url.href;
  }
}
