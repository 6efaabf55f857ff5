import { defaultItemId, type HttpResponse, type Logger, linkWithRel } from '@handshake/sdk';
import type { GithubApi } from './github-api.js';
import type { ListCursor, PageMark } from './list-cursor.js';
import { pageNumber } from './page-number.js';
import { readBody } from './read-body.js';

/** One page of a list walk. */
export interface ListPage {
  readonly url: string;
  /** GitHub's page number (its `page` parameter), 1 for the first page. */
  readonly number: number;
  readonly response: HttpResponse;
  /** The page's items; undefined for a page unchanged since the last walk (304) or one that is not a list. */
  readonly items: readonly unknown[] | undefined;
  /** Why the body is not a list, when it is not. */
  readonly problem?: string;
  /** The list's cursor once this page is committed. */
  readonly cursor: ListCursor;
}

/** Why a walk ended. Everything but `last page` and `gone` guards against a list that would loop. */
export type ListEnd = 'last page' | 'gone' | 'repeated link' | 'empty page with a link' | 'no new items' | 'page limit';

export interface WalkListOptions {
  /** The first page. */
  readonly first: string;
  readonly cursor: ListCursor | undefined;
  /** Pages of the list read at most, counted from its first page. */
  readonly maxPages: number;
  readonly logger: Logger;
  /** Statuses that end the walk instead of failing it: 404 for a repository that is gone. */
  readonly acceptStatus?: readonly number[];
}

/**
 * Walks a `Link`-paged list with a conditional request per page. The SDK's `paginate()` ends at a 304,
 * which suits a feed whose first page says whether anything changed; a follower list gives no such
 * promise (GitHub documents no order for it, and new followers have been seen both first and last), so
 * each page is asked on its own and an unchanged one (304, free of the rate limit) is stepped over to the
 * page after it, known from the cursor. Guards as `paginate()` has: a link already followed, an empty page
 * that still links on, a page whose items were all seen, and the page limit. The return value says why it ended.
 */
export async function* walkList(api: GithubApi, options: WalkListOptions): AsyncGenerator<ListPage, ListEnd, undefined> {
  const known = options.cursor?.pages ?? {};
  const resumed = options.cursor?.resume !== undefined;
  // A walk from the first page keeps only the pages it meets, so pages a shrunk list lost are forgotten.
  let pages: Record<string, PageMark> = resumed ? { ...known } : {};
  const visited = new Set<string>();
  const seen = new Set<string>();
  let url = options.cursor?.resume ?? options.first;
  for (;;) {
    visited.add(url);
    const mark = known[url];
    // A full last page is asked without its ETag: an ETag need not change when only the Link header does,
    // so a list that grew by a page could answer 304 there and hide the new page.
    const ask = mark?.etag !== undefined && !(mark.full && mark.next === undefined);
    const response = await api.get(url, {
      ...(ask && { validators: { etag: mark.etag as string } }),
      ...(options.acceptStatus && { acceptStatus: options.acceptStatus }),
    });
    const number = pageNumber(url);
    if (response.status >= 400) {
      yield { url, number, response, items: undefined, cursor: { pages: {} } };
      return 'gone';
    }
    let items: readonly unknown[] | undefined;
    let problem: string | undefined;
    let next: string | undefined;
    if (response.notModified) {
      next = mark?.next;
      pages = { ...pages, [url]: mark ?? {} };
    } else {
      const body = readBody(response);
      if ('items' in body) items = body.items;
      else problem = body.problem;
      next = linkWithRel(response.headers.link, 'next', response.url);
      const etag = response.validators.etag;
      const full = items !== undefined && items.length >= perPage(url);
      pages = {
        ...pages,
        [url]: { ...(etag !== undefined && { etag }), ...(next !== undefined && { next }), ...(full && { full: true as const }) },
      };
    }
    let end: ListEnd | undefined;
    if (next !== undefined && items !== undefined && items.length > 0 && allSeen(items, seen)) {
      // A page of accounts this walk already met brings nothing, and says the list is going round.
      items = [];
      end = 'no new items';
    } else if (next === undefined) end = 'last page';
    else if (visited.has(next)) end = 'repeated link';
    else if (items !== undefined && items.length === 0) end = 'empty page with a link';
    else if (pageNumber(next, number + 1) > options.maxPages) end = 'page limit';
    for (const item of items ?? []) {
      const id = defaultItemId(item);
      if (id !== undefined) seen.add(id);
    }
    const cursor: ListCursor = end === undefined && next !== undefined ? { resume: next, pages } : { pages };
    yield { url, number, response, items, ...(problem !== undefined && { problem }), cursor };
    if (end !== undefined || next === undefined) {
      if (end === 'last page' || end === 'page limit') options.logger.debug({ url, pages: visited.size, reason: end }, 'list ended');
      else options.logger.warn({ url, pages: visited.size, reason: end }, 'list stopped');
      return end ?? 'last page';
    }
    url = next;
  }
}

/** The page size a list URL asks for; GitHub's default is 30. */
function perPage(url: string): number {
  const value = Number(new URL(url).searchParams.get('per_page'));
  return Number.isSafeInteger(value) && value > 0 ? value : 30;
}

function allSeen(items: readonly unknown[], seen: ReadonlySet<string>): boolean {
  return items.every((item) => {
    const id = defaultItemId(item);
    return id !== undefined && seen.has(id);
  });
}
