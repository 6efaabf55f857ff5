import { BASE_URL_PLACEHOLDER, type FixtureAnswer, type FixtureResponse, type FixtureRoute } from './fixture-server.js';

const OK: FixtureResponse = { status: 200, body: {} };

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Does an If-None-Match list name this ETag? Weak and strong forms compare equal, as RFC 9110 says for GET. */
function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export interface EmptyPageOptions {
  /** Where the items go, as a dotted path: `data` (X), `feed` (Bluesky). */
  readonly items: string;
  /** Where the cursor goes, as a dotted path: `meta.next_token` (X), `cursor` (Bluesky). */
  readonly cursorField: string;
  readonly cursor: string;
}

export interface ConditionalOptions {
  readonly etag: string;
  readonly lastModified?: string;
  /** The 200 answer, sent when the request's validators do not match. */
  readonly response: FixtureResponse;
}

/** Ready-made misbehaviour of real APIs (FORMATS.md §0.6, §10, §11.9-10), as answers and routes for a FixtureServer. */
export const fixtureFaults = {
  /** A 429 with Retry-After in seconds, or as an HTTP date when given a Date; then `then`. */
  rateLimited(retryAfter: number | Date, then: FixtureResponse = OK, headers: Readonly<Record<string, string>> = {}): FixtureAnswer[] {
    const value = typeof retryAfter === 'number' ? String(retryAfter) : retryAfter.toUTCString();
    return [{ status: 429, headers: { 'retry-after': value, ...headers }, body: { error: 'Too many requests' } }, then];
  },

  /** `times` failures with this status (500 by default), then `then`. */
  failing(times: number, then: FixtureResponse = OK, status = 500): FixtureAnswer[] {
    const failure: FixtureResponse = { status, body: { error: `fixture failure ${status}` } };
    return [...Array.from({ length: times }, () => failure), then];
  },

  /** The answer, after `delayMs` real milliseconds. */
  slow(delayMs: number, response: FixtureResponse = OK): FixtureResponse {
    return { ...response, delayMs };
  },

  /** A page whose Link rel="next" points at itself: a client that follows it blindly never ends. */
  selfLinkingPage(path: string, body: unknown = [{ id: '1' }]): FixtureRoute {
    return { path, responses: { status: 200, headers: { link: `<${BASE_URL_PLACEHOLDER}${path}>; rel="next"` }, body } };
  },

  /** A page with no items that still names a next cursor, as X's `next_token` reportedly does on its last page. */
  emptyPageWithCursor(options: EmptyPageOptions): FixtureResponse {
    const body: Record<string, unknown> = {};
    setAt(body, options.items, []);
    setAt(body, options.cursorField, options.cursor);
    return { status: 200, body };
  },

  /** A renamed resource: `from` answers a redirect (301 by default) to `to`, as GitHub does after a repository rename. */
  renamed(from: string, to: string, status = 301): FixtureRoute {
    return {
      path: from,
      responses: {
        status,
        headers: { location: `${BASE_URL_PLACEHOLDER}${to}` },
        body: { message: 'Moved Permanently', url: `${BASE_URL_PLACEHOLDER}${to}` },
      },
    };
  },

  /** 304 with no body when If-None-Match names the ETag (or If-Modified-Since equals Last-Modified); the response otherwise. */
  conditional(options: ConditionalOptions): FixtureAnswer {
    const validators = { etag: options.etag, ...(options.lastModified !== undefined && { 'last-modified': options.lastModified }) };
    return (request) => {
      const fresh =
        etagMatches(request.headers['if-none-match'], options.etag) ||
        (options.lastModified !== undefined &&
          request.headers['if-none-match'] === undefined &&
          request.headers['if-modified-since'] === options.lastModified);
      if (fresh) return { status: 304, headers: { ...options.response.headers, ...validators } };
      return { ...options.response, headers: { ...options.response.headers, ...validators } };
    };
  },
} as const;
