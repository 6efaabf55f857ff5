import type { HttpRequest, HttpResponse } from './http-client.js';
import { linkWithRel } from './parse-link-header.js';

/** What a strategy sees of a page to find the next one. */
export interface PageContext {
  readonly request: HttpRequest;
  readonly response: HttpResponse;
  /** The parsed JSON body; undefined when the body is not JSON. */
  readonly body: unknown;
  /** The page's items, when the caller said how to find them. */
  readonly items: readonly unknown[] | undefined;
}

/** How one API says where the next page is. Cursors are strings a source can store and resume from. */
export interface PaginationStrategy {
  readonly name: string;
  /** The request for the page a cursor (an earlier page's `next`) points at. */
  at(first: HttpRequest, cursor: string): HttpRequest;
  /** The cursor of the page after this one; undefined on the last page. */
  next(page: PageContext): string | undefined;
}

/** A value inside a JSON body by dotted path: `meta.next_token`. */
export function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function withParameter(request: HttpRequest, name: string, value: string): HttpRequest {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  return { ...request, url: url.href };
}

function parameterOf(request: HttpRequest, name: string): string | null {
  return new URL(request.url).searchParams.get(name);
}

function cursorText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Flickr puts `page`/`pages` on the method's root element (`photos`, `contacts`, `comments`): find it. */
function flickrPages(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const direct = count((body as Record<string, unknown>).pages);
  if (direct !== undefined) return direct;
  for (const value of Object.values(body)) {
    if (typeof value === 'object' && value !== null && 'pages' in value) return count((value as Record<string, unknown>).pages);
  }
  return undefined;
}

export interface BodyCursorOptions {
  /** Where the body holds the next cursor: a dotted path or a function. Default `cursor` (Bluesky). */
  readonly field?: string | ((body: unknown) => unknown);
  /** The query parameter that sends it back. Default `cursor`. */
  readonly parameter?: string;
  readonly name?: string;
}

export interface OffsetOptions {
  /** Default `offset` (Tumblr). */
  readonly parameter?: string;
  /** A page shorter than this is the last one. */
  readonly pageSize?: number;
  /** The total the body announces (Tumblr `response.total_posts`); reaching it ends the pages. */
  readonly total?: (body: unknown) => unknown;
  /** The largest offset the API accepts (Tumblr likes: 1000). */
  readonly maxOffset?: number;
}

export interface PageNumberOptions {
  /** Default `page` (Flickr). */
  readonly parameter?: string;
  /** The page count the body announces; by default Flickr's `pages` on the root element. */
  readonly pages?: (body: unknown) => unknown;
  /** The number of the first page. Default 1. */
  readonly first?: number;
}

/** The ways the APIs in FORMATS.md page through results. */
export const paginationStrategies = {
  /** `Link: <…>; rel="next"` (Mastodon, GitHub); the cursor is the next URL, without a credential parameter. */
  linkHeader(rel = 'next'): PaginationStrategy {
    return {
      name: `link rel="${rel}"`,
      at: (first, cursor) => ({ ...first, url: cursor }),
      next: ({ request, response }) => {
        const url = linkWithRel(response.headers.link, rel, response.url);
        if (url === undefined || !request.credential || !('query' in request.credential)) return url;
        // The cursor is stored in the ledger; an api_key the server echoed into the link must not be.
        const parsed = new URL(url);
        parsed.searchParams.delete(request.credential.query);
        return parsed.href;
      },
    };
  },

  /** A cursor field in the body, sent back as a query parameter (Bluesky `cursor`). */
  bodyCursor(options: BodyCursorOptions = {}): PaginationStrategy {
    const field = options.field ?? 'cursor';
    const parameter = options.parameter ?? 'cursor';
    return {
      name: options.name ?? `body ${typeof field === 'string' ? field : 'cursor'} → ${parameter}`,
      at: (first, cursor) => withParameter(first, parameter, cursor),
      next: ({ body }) => cursorText(typeof field === 'string' ? valueAt(body, field) : field(body)),
    };
  },

  /** X API v2: `meta.next_token` → `pagination_token`. */
  xNextToken(): PaginationStrategy {
    return paginationStrategies.bodyCursor({ field: 'meta.next_token', parameter: 'pagination_token', name: 'x next_token' });
  },

  /** An item offset (Tumblr `offset`); needs the page's items to count them. */
  offset(options: OffsetOptions = {}): PaginationStrategy {
    const parameter = options.parameter ?? 'offset';
    return {
      name: `offset ${parameter}`,
      at: (first, cursor) => withParameter(first, parameter, cursor),
      next: ({ request, body, items }) => {
        if (!items || items.length === 0) return undefined;
        if (options.pageSize !== undefined && items.length < options.pageSize) return undefined;
        const next = (Number(parameterOf(request, parameter)) || 0) + items.length;
        const total = options.total ? count(options.total(body)) : undefined;
        if (total !== undefined && next >= total) return undefined;
        if (options.maxOffset !== undefined && next > options.maxOffset) return undefined;
        return String(next);
      },
    };
  },

  /** A page number with the page count in the body (Flickr `page`/`pages`). */
  pageNumber(options: PageNumberOptions = {}): PaginationStrategy {
    const parameter = options.parameter ?? 'page';
    const first = options.first ?? 1;
    return {
      name: `page number ${parameter}`,
      at: (request, cursor) => withParameter(request, parameter, cursor),
      next: ({ request, body, items }) => {
        const current = Number(parameterOf(request, parameter) ?? first) || first;
        const pages = count(options.pages ? options.pages(body) : flickrPages(body));
        if (pages !== undefined) return current < pages ? String(current + 1) : undefined;
        return items && items.length > 0 ? String(current + 1) : undefined;
      },
    };
  },
} as const;
