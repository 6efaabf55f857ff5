import {
  type BodyErrorReport,
  bodyErrors,
  CountingHttpClient,
  type HttpClient,
  HttpError,
  type HttpRequest,
  type Logger,
  type Page,
  type PaginationEnd,
  paginate,
  paginationStrategies,
} from '@handshake/sdk';

/** Error codes by which Flickr says the user or photo asked about is not there: 1 not found, 2 unknown user, 5 user deleted. */
const MISSING_CODES: ReadonlySet<string> = new Set(['1', '2', '5']);

export interface FlickrApiOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly abort: AbortSignal;
  readonly logger: Logger;
}

/** One answer: the URL it came from (never with the key) and its parsed body. */
export interface FlickrAnswer {
  readonly url: string;
  readonly body: unknown;
}

/** Flickr said the user or photo is not there: a fact about one account or photo, not a failure of the run. */
export interface FlickrMissing {
  readonly url: string;
  readonly missing: string;
}

export interface FlickrPage extends FlickrAnswer {
  /** Flickr's page number, from 1. */
  readonly number: number;
  readonly items: readonly unknown[];
  /** The page to fetch after this one; undefined when the list ends here (or a loop guard ended it). */
  readonly next: string | undefined;
  /** The answer's `Date` header: when Flickr produced the page. */
  readonly date: string | undefined;
}

export interface FlickrPagesOptions {
  /** The page's items: `contacts.contact`, `photos.photo`, `photo.person`. */
  readonly items: (body: unknown) => readonly unknown[];
  /** A page an earlier run stopped before. */
  readonly resumeFrom?: string;
  readonly maxPages: number;
}

/** Why the pages ended: the SDK's reasons, or Flickr saying the user or photo is gone. */
export type FlickrPagesEnd = { readonly reason: PaginationEnd } | { readonly missing: string };

/**
 * Calls Flickr's REST methods through the plugin's HTTP client: the key goes as a query credential
 * (so it is added by the client, kept out of every URL printed, logged or stored), errors inside a 200
 * are raised by `bodyErrors.flickr` (105, service unavailable, is retried), and pages follow
 * `page`/`pages`.
 */
export class FlickrApi {
  /** The plugin's client, counting what it sends. */
  private readonly http: CountingHttpClient;

  constructor(
    http: HttpClient,
    private readonly options: FlickrApiOptions,
  ) {
    this.http = new CountingHttpClient(http);
  }

  /** Requests sent so far, for progress. */
  get requests(): number {
    return this.http.requests;
  }

  /** The method's URL without the key: what rejections and errors name. */
  url(method: string, parameters: Readonly<Record<string, string | undefined>>): string {
    const url = new URL(this.options.baseUrl);
    url.searchParams.set('method', method);
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
    url.searchParams.set('format', 'json');
    url.searchParams.set('nojsoncallback', '1');
    return url.href;
  }

  async call(method: string, parameters: Readonly<Record<string, string | undefined>>): Promise<FlickrAnswer | FlickrMissing> {
    const { request, missing } = this.request(method, parameters);
    try {
      const response = await this.http.request(request);
      return { url: request.url, body: response.json() };
    } catch (error) {
      const reason = missing(error);
      if (reason === undefined) throw error;
      return { url: request.url, missing: reason };
    }
  }

  /** The pages of a list, each with the page to fetch next; returns why they ended. */
  async *pages(
    method: string,
    parameters: Readonly<Record<string, string | undefined>>,
    options: FlickrPagesOptions,
  ): AsyncGenerator<FlickrPage, FlickrPagesEnd, undefined> {
    const { request, missing } = this.request(method, { ...parameters, page: '1' });
    const pages = paginate<unknown>(this.http, request, {
      strategy: paginationStrategies.pageNumber(),
      logger: this.options.logger,
      maxPages: options.maxPages,
      items: options.items,
      ...(options.resumeFrom === undefined ? {} : { resumeFrom: options.resumeFrom }),
    });
    try {
      for (;;) {
        let step: IteratorResult<Page<unknown>, PaginationEnd>;
        try {
          step = await pages.next();
        } catch (error) {
          const reason = missing(error);
          if (reason === undefined) throw error;
          return { missing: reason };
        }
        if (step.done) return { reason: step.value };
        const page = step.value;
        yield {
          url: page.request.url,
          body: page.body,
          number: Number(new URL(page.request.url).searchParams.get('page')) || 1,
          items: page.items,
          next: page.next,
          date: page.response.headers.date,
        };
      }
    } finally {
      await pages.return('last page');
    }
  }

  private request(method: string, parameters: Readonly<Record<string, string | undefined>>) {
    // The last error report of this request (or its pages), to tell "no such user" from a failure.
    let report: BodyErrorReport | undefined;
    const request: HttpRequest = {
      url: this.url(method, parameters),
      credential: { query: 'api_key', value: this.options.apiKey },
      abort: this.options.abort,
      bodyError: (body) => {
        report = bodyErrors.flickr(body);
        return report;
      },
    };
    const missing = (error: unknown): string | undefined =>
      error instanceof HttpError && error.kind === 'body' && report?.code !== undefined && MISSING_CODES.has(String(report.code))
        ? report.message
        : undefined;
    return { request, missing };
  }
}
