import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type IdentityReport,
  inject,
  injectable,
  PluginContext,
  type Rejection,
  redactUrl,
  type Signal,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
} from '@handshake/sdk';
import { decodeFeedText } from './decode-feed-text.js';
import type { DocumentMapper } from './document-mapper.js';
import { type FeedCursor, isComplete, parseFeedCursor } from './feed-cursor.js';
import type { FeedDocument } from './feed-document.js';
import { formatFeedPlanCursor, parseFeedPlanCursor, planCursorKey } from './feed-plan-cursor.js';
import { FeedReadError } from './feed-read-error.js';
import { FeedSourceOptions } from './feed-source-options.js';
import { fetchFeed } from './fetch-feed.js';
import { ItemFeedMapper } from './item-feed-mapper.js';
import { OpmlListMapper } from './opml-list-mapper.js';
import { plannedFeeds } from './planned-feeds.js';
import { readFeedDocument } from './read-feed-document.js';
import { readFeedFile } from './read-feed-file.js';

/** Signals per batch: a batch is committed in one transaction, and holds whole items. */
const BATCH_SIGNALS = 2000;

/** What was read, from a file or a URL, before it is parsed. */
interface FeedBytes {
  readonly bytes: Buffer;
  /** The file or URL, as errors and rejections name it. */
  readonly where: string;
  readonly contentType?: string;
  /** Where relative URLs resolve: the answering URL in URL mode; none for a file. */
  readonly base?: string;
  /** The identity a document has when it names none of its own. */
  readonly address: string;
  readonly writtenAt?: { readonly at: string; readonly rawAt?: string };
  readonly etag?: string;
  readonly lastModified?: string;
}

/** A document read and parsed, to be mapped entry by entry from `from` on. */
interface OpenedFeed {
  readonly mapper: DocumentMapper;
  readonly from: number;
  /** The feed's cursor once the entries before `next` are committed. */
  readonly cursorAt: (next: number) => FeedCursor;
}

/** A batch of one feed, with that feed's cursor: the caller turns it into the source's cursor. */
interface FeedBatch extends Omit<SourceBatch, 'cursor'> {
  readonly feedCursor: FeedCursor;
}

/**
 * Reads a blog's feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) or an OPML list, from a file or a URL, or
 * the feeds of every `feed` identity in the crawl plan. Items become `post` signals and `link` signals
 * to the personal sites they link to; OPML outlines become `follow` signals. A document is parsed whole
 * (feeds are small), and its entries are yielded in batches whose cursor says how many entries are committed.
 *
 * The feed's identity is `{network: 'feed', id: <feed URL>}`. In URL mode that is the configured
 * URL, and in plan mode the planned identity's id. For a file it is the address the feed gives itself
 * (`atom:link rel=self`, JSON Feed `feed_url`), so a saved copy and the live feed, and a target declared
 * as `feed: <URL>`, are one identity; a file that gives none is known by its `file://` URL, which is
 * stable as long as the file stays where it is.
 */
@injectable()
export class FeedSource implements SourceContribution<FeedSourceOptions> {
  readonly kind = 'feed';
  readonly options = FeedSourceOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  read(request: SourceRequest<FeedSourceOptions>): AsyncIterable<SourceBatch> {
    return request.options.plan === true ? this.readPlan(request) : this.readConfigured(request);
  }

  /** The one feed or list that `path` or `url` names; any failure fails the source, since it is all there is to read. */
  private async *readConfigured(request: SourceRequest<FeedSourceOptions>): AsyncIterable<SourceBatch> {
    const previous = parseFeedCursor(request.cursor);
    const source = await this.load(request, previous);
    const feed = source === undefined ? undefined : this.open(source, previous, request.options.owner === 'me');
    if (feed === undefined) return;
    for (const { feedCursor, ...batch } of this.batches(feed, request.abort)) yield { ...batch, cursor: JSON.stringify(feedCursor) };
  }

  /**
   * Every feed of the crawl plan, one after the other. A feed that cannot be read is rejected with its
   * URL and keeps its cursor, so it is tried again next run, and the other feeds are read all the same.
   */
  private async *readPlan(request: SourceRequest<FeedSourceOptions>): AsyncIterable<SourceBatch> {
    const planned = plannedFeeds(request.plan);
    if (planned.urls.length === 0) this.context.logger.info({ source: request.sourceId }, 'no feed identities in the crawl plan');
    const stored = parseFeedPlanCursor(request.cursor);
    // Only planned feeds keep a cursor: one that leaves the plan and comes back is read again, at no cost.
    const cursors = new Map<string, FeedCursor>();
    for (const key of planned.urls.map(planCursorKey)) {
      const cursor = stored.get(key);
      if (cursor !== undefined) cursors.set(key, cursor);
    }
    if (planned.rejected.length > 0) yield { signals: [], rejected: planned.rejected, cursor: formatFeedPlanCursor(cursors) };
    for (const url of planned.urls) {
      if (request.abort.aborted) return;
      yield* this.readPlannedFeed(url, cursors, request.abort);
    }
  }

  /** One feed of the plan; each batch carries every feed's cursor, with this one's moved on. */
  private async *readPlannedFeed(url: string, cursors: Map<string, FeedCursor>, abort: AbortSignal): AsyncIterable<SourceBatch> {
    const key = planCursorKey(url);
    const previous = cursors.get(key);
    let feed: OpenedFeed | undefined;
    try {
      const source = await this.fetchFeedBytes(url, previous, abort);
      feed = source === undefined ? undefined : this.open(source, previous, false);
    } catch (error) {
      if (abort.aborted) throw error;
      // The error names the URL, redacted, as it does in URL mode; the feed's cursor stays as it was.
      const reason = error instanceof Error ? error.message : String(error);
      yield { signals: [], rejected: [{ where: redactUrl(url), reason }], cursor: formatFeedPlanCursor(cursors) };
      return;
    }
    if (feed === undefined) return;
    for (const { feedCursor, ...batch } of this.batches(feed, abort)) {
      cursors.set(key, feedCursor);
      yield { ...batch, cursor: formatFeedPlanCursor(cursors) };
    }
  }

  private async load(request: SourceRequest<FeedSourceOptions>, previous: FeedCursor | undefined): Promise<FeedBytes | undefined> {
    const { path, url } = request.options;
    if (url !== undefined) return this.fetchFeedBytes(url, previous, request.abort);
    if (path === undefined) throw new FeedReadError('the feed source needs a path or a url');
    const file = await readFeedFile(path);
    return { bytes: file.bytes, where: path, address: pathToFileURL(resolve(path)).href, writtenAt: { at: file.modifiedAt } };
  }

  /** The feed at a URL, or undefined when the server says it has not changed since the last complete read. */
  private async fetchFeedBytes(url: string, previous: FeedCursor | undefined, abort: AbortSignal): Promise<FeedBytes | undefined> {
    // A private feed's address can hold a token: what is printed about it is redacted.
    const where = redactUrl(url);
    // Validators only when the last read got to the end: a 304 must not strand unread entries.
    const ask = previous && isComplete(previous) ? validatorsOf(previous) : undefined;
    const fetched = await fetchFeed(this.context.http, { url, where, abort, ...(ask ? { validators: ask } : {}) });
    if (fetched.notModified) return undefined;
    return {
      bytes: fetched.bytes,
      where,
      base: fetched.url,
      address: url,
      ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
      ...(fetched.writtenAt ? { writtenAt: fetched.writtenAt } : {}),
      ...fetched.validators,
    };
  }

  /** Parses what was read, or undefined when it is the content already read to the end. */
  private open(source: FeedBytes, previous: FeedCursor | undefined, owner: boolean): OpenedFeed | undefined {
    const sha256 = createHash('sha256').update(source.bytes).digest('hex');
    const same = previous?.sha256 === sha256;
    if (same && isComplete(previous)) return undefined;

    const decoded = decodeFeedText(source.bytes, {
      where: source.where,
      ...(source.contentType ? { contentType: source.contentType } : {}),
    });
    if (decoded.from === 'guess') {
      this.context.logger.info({ feed: source.where }, 'no charset named and not valid UTF-8: read as windows-1252');
    }
    const document = readFeedDocument(decoded.text, { where: source.where, base: source.base });
    const mapper = this.mapperFor(document, source, owner);
    this.context.logger.debug({ feed: source.where, format: document.format, charset: decoded.charset, entries: mapper.size }, 'feed read');

    const validators = {
      ...(source.etag ? { etag: source.etag } : {}),
      ...(source.lastModified ? { lastModified: source.lastModified } : {}),
    };
    return {
      mapper,
      from: same ? previous.next : 0,
      cursorAt: (next) => ({ sha256, next, total: mapper.size, ...validators }),
    };
  }

  /** The feed's entries in batches of whole entries, the last one yielded even when empty to commit the cursor. */
  private *batches(feed: OpenedFeed, abort: AbortSignal): Iterable<FeedBatch> {
    const { mapper } = feed;
    let signals: Signal[] = [];
    let identities: IdentityReport[] = [...mapper.identities];
    let rejected: Rejection[] = [];
    let skipped: Rejection[] = [];
    let yielded = false;
    const batch = (next: number): FeedBatch => ({
      signals,
      identities,
      rejected,
      skipped,
      feedCursor: feed.cursorAt(next),
      progress: { done: next, total: mapper.size, unit: 'records' },
    });

    for (let position = feed.from; position < mapper.size; position++) {
      const entry = mapper.map(position);
      signals.push(...entry.signals);
      identities.push(...entry.identities);
      if (entry.rejected) rejected.push(entry.rejected);
      if (entry.skipped) skipped.push(entry.skipped);
      if (signals.length >= BATCH_SIGNALS) {
        if (abort.aborted) return;
        yield batch(position + 1);
        yielded = true;
        signals = [];
        identities = [];
        rejected = [];
        skipped = [];
      }
    }
    if (abort.aborted) return;
    // A last batch even when empty: it commits the cursor, so an unchanged feed is not read again.
    if (!yielded || signals.length + identities.length + rejected.length + skipped.length > 0) yield batch(mapper.size);
  }

  private mapperFor(document: FeedDocument, source: FeedBytes, owner: boolean): DocumentMapper {
    if (document.type === 'opml') {
      return new OpmlListMapper(document, {
        listId: source.address,
        where: source.where,
        owner,
        base: source.base,
        writtenAt: source.writtenAt,
      });
    }
    const feedId = source.base === undefined ? (document.selfUrl ?? source.address) : source.address;
    return new ItemFeedMapper(document, { feedId, where: source.where, owner });
  }
}

function validatorsOf(cursor: FeedCursor): { etag?: string; lastModified?: string } | undefined {
  if (cursor.etag === undefined && cursor.lastModified === undefined) return undefined;
  return { ...(cursor.etag ? { etag: cursor.etag } : {}), ...(cursor.lastModified ? { lastModified: cursor.lastModified } : {}) };
}
