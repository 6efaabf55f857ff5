import { BASE_URL_PLACEHOLDER, type FixtureResponse, type ReceivedRequest } from '@handshake/testing';

type Json = Record<string, unknown>;

/** The `Date` every fixture answer carries, so follows (dated by it) are dated alike in every test. */
export const ANSWER_DATE = 'Sat, 01 Aug 2026 14:00:00 GMT';
export const ANSWER_TIME = '2026-08-01T14:00:00Z';

/** Headers of a Mastodon answer: the rate-limit budget with its ISO-8601 reset, as a live server sends them. */
export function answerHeaders(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    date: ANSWER_DATE,
    'x-ratelimit-limit': '300',
    'x-ratelimit-remaining': '299',
    'x-ratelimit-reset': '2026-08-01T14:05:00.000000Z',
    ...extra,
  };
}

export function answer(body: unknown, headers: Readonly<Record<string, string>> = {}): FixtureResponse {
  return { headers: answerHeaders(headers), body };
}

export interface MastodonListOptions {
  /** The most items a page holds, whatever `limit` asks (tests use small pages to get several). */
  readonly pageSize?: number;
  /** The list's own cursor of an item: its id by default; a favourite's or a follow's row id otherwise. */
  readonly cursor?: (item: Json, index: number) => string;
  /** The parameter of the `rel="prev"` link: statuses, favourites and notifications use min_id, follow lists since_id. */
  readonly prev?: 'min_id' | 'since_id';
}

const compare = (a: string, b: string): number => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Answers a list (newest first) the way Mastodon pages it: `max_id`, `since_id` and `min_id` filter by
 * the list's cursor, `limit` caps the page, and the `Link` header has `rel="next"` (`max_id`, when the page
 * is full) and `rel="prev"`. Like Mastodon, the next link keeps `limit` and drops `since_id`.
 */
export function mastodonList(items: readonly Json[], options: MastodonListOptions = {}): (request: ReceivedRequest) => FixtureResponse {
  const cursorOf = options.cursor ?? ((item: Json) => String(item.id));
  const entries = items.map((item, index) => ({ item, cursor: cursorOf(item, index) }));
  return (request) => {
    const limit = Math.min(Number(request.query.limit ?? 20) || 20, options.pageSize ?? 40);
    const { max_id: maxId, since_id: sinceId, min_id: minId } = request.query;
    let selected = entries.filter(
      (entry) =>
        (maxId === undefined || compare(entry.cursor, maxId) < 0) &&
        (sinceId === undefined || compare(entry.cursor, sinceId) > 0) &&
        (minId === undefined || compare(entry.cursor, minId) > 0),
    );
    selected = minId === undefined ? selected.slice(0, limit) : selected.slice(-limit);
    const base = `${BASE_URL_PLACEHOLDER}${request.path}?limit=${limit}`;
    const links: string[] = [];
    const last = selected.at(-1);
    const first = selected[0];
    if (last !== undefined && selected.length === limit) links.push(`<${base}&max_id=${last.cursor}>; rel="next"`);
    if (first !== undefined) links.push(`<${base}&${options.prev ?? 'min_id'}=${first.cursor}>; rel="prev"`);
    return answer(
      selected.map((entry) => entry.item),
      links.length === 0 ? {} : { link: links.join(', ') },
    );
  };
}
