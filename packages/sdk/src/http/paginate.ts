import type { Logger } from '../logging/logger.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.js';
import type { PaginationStrategy } from './pagination-strategies.js';
import { redactUrl } from './redact-url.js';

export interface PaginateOptions<Item = unknown> {
  readonly strategy: PaginationStrategy;
  /** Where the reason the pages ended is logged. */
  readonly logger: Logger;
  /** A cursor an earlier page gave as `next`: start there instead of at the first page. */
  readonly resumeFrom?: string;
  /** Pages fetched at most in one run. Default 1000. */
  readonly maxPages?: number;
  /** The page's items; by default the body itself when it is an array (Mastodon, GitHub). */
  readonly items?: (body: unknown) => readonly Item[] | undefined;
  /** An item's stable id, to notice a page that brings nothing new; by default `id`, `id_str`, `uri`, `did` or `nsid`. */
  readonly itemId?: (item: Item) => string | undefined;
}

/** One page, with where it was and where the next one is, so a source can store its position. */
export interface Page<Item = unknown> {
  /** 0 for the first page of this run. */
  readonly index: number;
  readonly request: HttpRequest;
  readonly response: HttpResponse;
  /** The parsed JSON body; undefined when the body is not JSON. */
  readonly body: unknown;
  /** The page's items; empty when the caller gave no way to find them and the body is not an array. */
  readonly items: readonly Item[];
  /** The cursor this page was fetched at; undefined for the first page of a run that did not resume. */
  readonly cursor: string | undefined;
  /**
   * The cursor of the next page: store it with this page's data to resume after it. Undefined when the
   * pages end here, except at the page limit, where it is kept so the next run goes on from there.
   */
  readonly next: string | undefined;
}

/** Why the pages ended. Everything but `last page` is a guard against an API that would loop forever. */
export type PaginationEnd = 'last page' | 'repeated cursor' | 'empty page with a cursor' | 'no new items' | 'page limit';

/**
 * Fetches page after page while the strategy finds a next one, and stops, with the reason logged, on
 * the loops real APIs produce (FORMATS.md §0.6): a cursor or URL already fetched, an empty page that
 * still carries a cursor, a page whose items were all seen already, and the page limit. A page that
 * brings nothing (empty with a cursor, or all seen) is not yielded. The generator's return value is the reason.
 */
export async function* paginate<Item = unknown>(
  client: HttpClient,
  first: HttpRequest,
  options: PaginateOptions<Item>,
): AsyncGenerator<Page<Item>, PaginationEnd, undefined> {
  const { strategy, logger } = options;
  const maxPages = options.maxPages ?? 1000;
  const extract = options.items ?? ((body: unknown) => (Array.isArray(body) ? (body as Item[]) : undefined));
  const idOf = options.itemId ?? (defaultItemId as (item: Item) => string | undefined);
  const seenRequests = new Set<string>();
  const seenIds = new Set<string>();
  let cursor = options.resumeFrom;
  let request = cursor === undefined ? first : strategy.at(first, cursor);
  seenRequests.add(requestKey(request));

  const end = (reason: PaginationEnd, pages: number): PaginationEnd => {
    const fields = { strategy: strategy.name, url: printable(request), pages, reason };
    if (reason === 'last page') logger.debug(fields, 'pagination ended');
    else logger.warn(fields, 'pagination stopped');
    return reason;
  };

  for (let index = 0; ; index++) {
    const response = await client.request(request);
    const body = parse(response);
    const items = extract(body);
    let next = response.notModified ? undefined : strategy.next({ request, response, body, items });
    if (items !== undefined) {
      if (items.length === 0 && next !== undefined) return end('empty page with a cursor', index);
      const ids = items.map((item) => idOf(item));
      const known = ids.filter((id): id is string => id !== undefined);
      if (known.length > 0 && known.length === items.length && known.every((id) => seenIds.has(id))) return end('no new items', index);
      for (const id of known) seenIds.add(id);
    }
    let reason: PaginationEnd | undefined;
    let nextRequest: HttpRequest | undefined;
    if (next === undefined) {
      reason = 'last page';
    } else {
      nextRequest = strategy.at(first, next);
      const key = requestKey(nextRequest);
      if (seenRequests.has(key)) {
        reason = 'repeated cursor';
        next = undefined;
      } else if (index + 1 >= maxPages) {
        reason = 'page limit';
      } else {
        seenRequests.add(key);
      }
    }
    yield { index, request, response, body, items: items ?? [], cursor, next };
    if (reason !== undefined || nextRequest === undefined) return end(reason ?? 'last page', index + 1);
    cursor = next;
    request = nextRequest;
  }
}

function parse(response: HttpResponse): unknown {
  if (response.body.length === 0) return undefined;
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

function requestKey(request: HttpRequest): string {
  let url = request.url;
  try {
    url = new URL(request.url).href;
  } catch {
    // Left as given: the client reports the bad URL when it is requested.
  }
  return `${request.method ?? 'GET'} ${url}\n${request.body ?? ''}`;
}

function printable(request: HttpRequest): string {
  const credential = request.credential;
  return redactUrl(
    request.url,
    credential && 'query' in credential ? [credential.value] : [],
    credential && 'query' in credential ? [credential.query] : [],
  );
}

/** The id fields of the APIs in FORMATS.md: GitHub/Mastodon/X `id`, Twitter v1 `id_str`, Bluesky `uri`/`did`, Flickr `nsid`. */
export function defaultItemId(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  for (const field of ['id_str', 'id', 'uri', 'did', 'nsid']) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}
