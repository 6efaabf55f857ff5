import { type PaginationStrategy, valueAt } from '@handshake/sdk';
import { tumblrRecord, tumblrText } from './tumblr-fields.js';

export interface TumblrNextPageOptions {
  /** The total the body announces (`response.total_posts`, `response.liked_count`), for an answer without `_links`. */
  readonly total?: (body: unknown) => unknown;
  /** The largest offset the endpoint accepts (likes: 1000): the pages end quietly before it. */
  readonly maxOffset?: number;
  /** Told when the pages end at `maxOffset`. */
  readonly onOffsetCap?: (offset: number) => void;
}

/** The query parameter that carries the key: it must never reach a stored cursor. */
const KEY_PARAMETER = 'api_key';

function scalar(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return tumblrText(value);
}

/** The parameters of `_links.next`: its `query_params`, or the query of its `href`. */
function linkParameters(body: unknown): URLSearchParams | undefined {
  const link = tumblrRecord(valueAt(body, 'response._links.next'));
  if (link === undefined) return undefined;
  const query = tumblrRecord(link.query_params);
  if (query !== undefined) {
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      const text = scalar(value);
      if (text !== undefined) parameters.set(name, text);
    }
    return parameters;
  }
  const href = tumblrText(link.href);
  if (href === undefined) return undefined;
  try {
    return new URL(href, 'https://api.tumblr.com').searchParams;
  } catch {
    return undefined;
  }
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * Tumblr's paging: the next page is what `response._links.next` says (its query parameters: an
 * `offset`, a `before` timestamp, `before_timestamp` for notes), applied to the first request. An answer
 * without `_links` that announces a total pages by `offset`. The cursor is those parameters as a query
 * string, without the key even when Tumblr echoes it.
 */
export function tumblrNextPage(options: TumblrNextPageOptions = {}): PaginationStrategy {
  return {
    name: 'tumblr _links.next',
    at: (first, cursor) => {
      const url = new URL(first.url);
      for (const [name, value] of new URLSearchParams(cursor)) if (name !== KEY_PARAMETER) url.searchParams.set(name, value);
      return { ...first, url: url.href };
    },
    next: ({ request, body, items }) => {
      let parameters = linkParameters(body);
      if (parameters === undefined && options.total !== undefined && items !== undefined && items.length > 0) {
        const offset = (Number(new URL(request.url).searchParams.get('offset')) || 0) + items.length;
        const total = count(options.total(body));
        if (total !== undefined && offset < total) parameters = new URLSearchParams({ offset: String(offset) });
      }
      if (parameters === undefined) return undefined;
      parameters.delete(KEY_PARAMETER);
      const offset = parameters.get('offset');
      if (options.maxOffset !== undefined && offset !== null && Number(offset) > options.maxOffset) {
        options.onOffsetCap?.(Number(offset));
        return undefined;
      }
      parameters.sort();
      const cursor = parameters.toString();
      return cursor === '' ? undefined : cursor;
    },
  };
}
