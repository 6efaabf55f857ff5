import { type HttpClient, HttpError, type HttpValidators } from '@handshake/sdk';
import { FeedReadError } from './feed-read-error.js';
import { parseFeedDate } from './parse-feed-date.js';

/** Feed formats first; anything else still gets a body, so an HTML page can be named as one. */
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, text/x-opml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export interface FetchFeedRequest {
  readonly url: string;
  /** The URL as errors name it, credentials redacted. */
  readonly where: string;
  /** Sent as If-None-Match / If-Modified-Since when the last read got to the end. */
  readonly validators?: HttpValidators;
  readonly abort: AbortSignal;
}

export type FetchedFeed =
  | { readonly notModified: true }
  | {
      readonly notModified: false;
      readonly bytes: Buffer;
      readonly contentType?: string;
      /** The address that answered, after redirects: relative URLs inside resolve against it. */
      readonly url: string;
      readonly validators: HttpValidators;
      /** `Last-Modified`, else the response's `Date`: when an OPML list was last written, at the latest. */
      readonly writtenAt?: { readonly at: string; readonly rawAt: string };
    };

/** Fetches a feed or OPML file through the host's HTTP client, or throws a FeedReadError that names the URL. */
export async function fetchFeed(http: HttpClient, request: FetchFeedRequest): Promise<FetchedFeed> {
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({
      url: request.url,
      headers: { accept: ACCEPT },
      abort: request.abort,
      ...(request.validators ? { validators: request.validators } : {}),
    });
  } catch (error) {
    if (request.abort.aborted) throw error;
    throw new FeedReadError(`cannot fetch ${request.where}: ${reasonOf(error)}`, { cause: error });
  }
  if (response.notModified) return { notModified: true };
  if (response.status < 200 || response.status > 299) {
    throw new FeedReadError(`cannot fetch ${request.where}: the server answered HTTP ${response.status}`);
  }
  const rawAt = response.headers['last-modified'] ?? response.headers.date;
  const at = rawAt === undefined ? undefined : parseFeedDate(rawAt);
  const contentType = response.headers['content-type'];
  return {
    notModified: false,
    bytes: response.body,
    ...(contentType ? { contentType } : {}),
    url: response.url,
    validators: response.validators,
    ...(at && rawAt ? { writtenAt: { at, rawAt } } : {}),
  };
}

/** The client's HttpError already names the method and URL; the feed's error names the URL once. */
function reasonOf(error: unknown): string {
  // By name as well as by class: a plugin installed with its own copy of the SDK has another HttpError class.
  if (error instanceof HttpError || (error instanceof Error && error.name === 'HttpError' && 'reason' in error && 'attempts' in error)) {
    const { reason, attempts } = error as HttpError;
    return attempts > 1 ? `${reason} (after ${attempts} attempts)` : reason;
  }
  return error instanceof Error ? error.message : String(error);
}
