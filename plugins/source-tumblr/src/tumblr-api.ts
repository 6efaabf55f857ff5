import {
  bodyErrors,
  CountingHttpClient,
  type HttpClient,
  HttpError,
  type HttpRequest,
  type Logger,
  type Page,
  type PaginationEnd,
  paginate,
} from '@handshake/sdk';
import { postId, tumblrRecord } from './tumblr-fields.js';
import { type TumblrNextPageOptions, tumblrNextPage } from './tumblr-next-page.js';

export interface TumblrApiOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly abort: AbortSignal;
  readonly logger: Logger;
}

/**
 * Tumblr said the blog or post is not there (404), or will not show it (403: likes a blog keeps
 * private): a fact about one blog or post, not a failure of the run.
 */
export interface TumblrRefusal {
  readonly status: 403 | 404;
  readonly message: string;
}

export interface TumblrPage {
  /** The URL of the page, without the key. */
  readonly url: string;
  readonly body: unknown;
  /** 1 for the first page this run fetched. */
  readonly number: number;
  readonly items: readonly unknown[];
  readonly next: string | undefined;
}

export interface TumblrPagesOptions extends TumblrNextPageOptions {
  /** The page's items: `response.posts`, `response.liked_posts`, `response.notes`. */
  readonly items: (body: unknown) => readonly unknown[];
  readonly resumeFrom?: string;
  readonly maxPages: number;
}

export type TumblrPagesEnd = { readonly reason: PaginationEnd } | { readonly refused: TumblrRefusal };

/** Items tell apart by `id_string` (posts), or by blog and time (notes, which have no id). */
function itemKey(item: unknown): string | undefined {
  const record = tumblrRecord(item);
  if (record === undefined) return undefined;
  const id = postId(record);
  if (id !== undefined) return id;
  const blog = record.blog_uuid ?? record.blog_name;
  return blog === undefined ? undefined : `${String(blog)} ${String(record.type)} ${String(record.timestamp)}`;
}

/**
 * Calls Tumblr's API v2 through the plugin's HTTP client: the key goes as a query credential (added
 * by the client, kept out of every URL printed, logged or stored), an error inside a 200 (`meta.status`,
 * as JSONP answers always are) is raised by `bodyErrors.tumblr` (a `meta.status` 429 is retried after a
 * wait), and pages follow `_links.next`.
 */
export class TumblrApi {
  /** The plugin's client, counting what it sends. */
  private readonly http: CountingHttpClient;

  constructor(
    http: HttpClient,
    private readonly options: TumblrApiOptions,
  ) {
    this.http = new CountingHttpClient(http);
  }

  /** Requests sent so far, for progress. */
  get requests(): number {
    return this.http.requests;
  }

  /** `/v2/blog/{blog}/{endpoint}` with its parameters, without the key. */
  url(blog: string, endpoint: string, parameters: Readonly<Record<string, string | undefined>> = {}): string {
    // A uuid's colon stays as it is: Tumblr documents `t:...` in the path unescaped.
    const url = new URL(
      `${this.options.baseUrl.replace(/\/+$/, '')}/v2/blog/${encodeURIComponent(blog).replace(/%3A/gi, ':')}/${endpoint}`,
    );
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
    return url.href;
  }

  async *pages(url: string, options: TumblrPagesOptions): AsyncGenerator<TumblrPage, TumblrPagesEnd, undefined> {
    const request: HttpRequest = {
      url,
      credential: { query: 'api_key', value: this.options.apiKey },
      abort: this.options.abort,
      bodyError: bodyErrors.tumblr,
    };
    const pages = paginate<unknown>(this.http, request, {
      strategy: tumblrNextPage(options),
      logger: this.options.logger,
      maxPages: options.maxPages,
      items: options.items,
      itemId: itemKey,
      ...(options.resumeFrom === undefined ? {} : { resumeFrom: options.resumeFrom }),
    });
    try {
      for (;;) {
        let step: IteratorResult<Page<unknown>, PaginationEnd>;
        try {
          step = await pages.next();
        } catch (error) {
          const refused = refusal(error);
          if (refused === undefined) throw error;
          return { refused };
        }
        if (step.done) return { reason: step.value };
        const page = step.value;
        yield { url: page.request.url, body: page.body, number: page.index + 1, items: page.items, next: page.next };
      }
    } finally {
      await pages.return('last page');
    }
  }
}

function refusal(error: unknown): TumblrRefusal | undefined {
  if (!(error instanceof HttpError) || (error.status !== 403 && error.status !== 404)) return undefined;
  return { status: error.status, message: error.reason };
}
