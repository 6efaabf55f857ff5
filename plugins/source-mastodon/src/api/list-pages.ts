import { type HttpResponse, type Logger, linkWithRel, type Page, type PaginationStrategy, paginate, redactUrl } from '@handshake/sdk';
import type { MastodonInstance, QueryValue } from './mastodon-instance.js';

/**
 * Where the read of one list (an account's statuses, followers, following; the user's favourites or
 * notifications) stands. Lists come newest first. A pass walks down them with `Link: rel="next"`;
 * its first page's `rel="prev"` marks the top. Once a pass reaches the bottom, `since` is that mark,
 * and the next pass asks only for what is newer (`since_id`), walking down until it meets it.
 * A pass that hits the page limit stores where it stopped (`next`) and goes on from there next run,
 * so a long history is read over several runs and nothing in between is missed.
 */
export interface ListPosition {
  /** The mark above which the next pass reads; absent until a pass has reached the bottom. */
  readonly since?: string;
  /** The current pass's mark, read from its first page: `since` once the pass is complete. */
  readonly top?: string;
  /** The next page of the current pass, when it stopped at the page limit. */
  readonly next?: string;
}

/** One page of a list, and where the list stands once it is committed. */
export interface ListPage {
  readonly page: Page<unknown>;
  readonly position: ListPosition;
  /** Where an item of the page came from, for its rejection: the URL, the page's number in this run, the item. */
  readonly where: (index: number) => string;
}

export interface ListRequest {
  readonly instance: MastodonInstance;
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly position: ListPosition;
  readonly maxPages: number;
  readonly logger: Logger;
}

/**
 * The cursor of a `Link` URL: the value of `min_id` or `since_id`, or of `max_id`. Its meaning is the
 * server's (a status id, or the internal id of a favourite or a follow); it is only sent back to the
 * list that gave it, never compared or computed.
 */
function linkCursor(url: string | undefined, ...names: readonly string[]): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parameters = new URL(url).searchParams;
    for (const name of names) {
      const value = parameters.get(name);
      if (value !== null && value !== '') return value;
    }
  } catch {
    // Not a URL: no cursor.
  }
  return undefined;
}

/** The top mark a page's `rel="prev"` link gives. */
function prevMark(response: HttpResponse): string | undefined {
  return linkCursor(linkWithRel(response.headers.link, 'prev', response.url), 'min_id', 'since_id');
}

function bounded(url: string, since: string | undefined): string {
  if (since === undefined) return url;
  const parsed = new URL(url);
  parsed.searchParams.delete('min_id');
  parsed.searchParams.set('since_id', since);
  return parsed.href;
}

/**
 * Reads a list from where it stands, page after page, up to `maxPages`, with the SDK's guards against
 * lists that loop. Each page comes with the position to commit with it; the generator returns the
 * position once the run is done with the list (the pass complete, or stopped at the page limit).
 */
export async function* listPages(request: ListRequest): AsyncGenerator<ListPage, ListPosition, undefined> {
  const { instance, logger } = request;
  const { since } = request.position;
  const resumeFrom = request.position.next !== undefined && instance.owns(request.position.next) ? request.position.next : undefined;
  let top = resumeFrom === undefined ? undefined : request.position.top;
  const complete = (): ListPosition => {
    const mark = top ?? since;
    return mark === undefined ? {} : { since: mark };
  };
  const strategy: PaginationStrategy = {
    name: 'mastodon link rel="next"',
    at: (first, cursor) => ({ ...first, url: cursor }),
    next: ({ response }) => {
      const link = linkWithRel(response.headers.link, 'next', response.url);
      if (link === undefined) return undefined;
      if (!instance.owns(link)) {
        logger.warn({ instance: instance.origin, link: redactUrl(link) }, 'next page on another origin: not followed');
        return undefined;
      }
      // Mastodon drops since_id from its next links; the pass keeps its lower bound on every page.
      return bounded(link, since);
    },
  };
  const first = instance.request(bounded(instance.url(request.path, request.query), since));
  const pages = paginate<unknown>(instance.http, first, {
    strategy,
    logger,
    maxPages: request.maxPages,
    ...(resumeFrom === undefined ? {} : { resumeFrom }),
  });
  let last: ListPosition | undefined;
  for (;;) {
    const step = await pages.next();
    if (step.done) return step.value === 'page limit' && last !== undefined ? last : complete();
    const page = step.value;
    if (resumeFrom === undefined && page.index === 0) top = prevMark(page.response);
    last =
      page.next === undefined
        ? complete()
        : { ...(since === undefined ? {} : { since }), ...(top === undefined ? {} : { top }), next: page.next };
    const url = redactUrl(page.request.url);
    yield { page, position: last, where: (index) => `${url} (page ${page.index + 1}, item ${index})` };
  }
}
