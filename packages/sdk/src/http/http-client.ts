/** How a request proves who it is; the value is a secret and is never logged. */
export type HttpCredential =
  | { readonly bearer: string }
  | { readonly header: string; readonly value: string }
  | { readonly query: string; readonly value: string };

/** What a previous response said about its content, sent back to ask "has it changed?". */
export interface HttpValidators {
  readonly etag?: string;
  readonly lastModified?: string;
}

/**
 * An error a platform reports inside a 2xx answer. `status` is the status the platform meant (Tumblr's
 * `meta.status`); a 429 or a `retryable` report is retried with backoff like the HTTP status would be.
 */
export interface BodyErrorReport {
  readonly message: string;
  readonly status?: number;
  /** The platform's own error code (Flickr `code`, Tumblr `errors[0].code`). */
  readonly code?: string | number;
  readonly retryable?: boolean;
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly credential?: HttpCredential;
  /** Sent as If-None-Match / If-Modified-Since; a 304 answer comes back with `notModified`. */
  readonly validators?: HttpValidators;
  /** Per attempt; the client's default otherwise. */
  readonly timeoutMs?: number;
  readonly abort?: AbortSignal;
  /**
   * Finds an error a platform reports inside a 200 (Flickr `stat: fail`, Tumblr `meta.status`, X
   * `errors[]` without `data`): returns its description, or undefined when the body is fine. It gets
   * the parsed JSON (a JSONP wrapper removed), or the text when the body is not JSON.
   */
  readonly bodyError?: (body: unknown) => string | BodyErrorReport | undefined;
  /**
   * Statuses returned as a response instead of raised as an HttpError, for APIs that answer a question
   * with a status (GitHub's "does A follow B?" is 204 or 404).
   */
  readonly acceptStatus?: readonly number[];
  /** Redirects followed for this request; 0 returns the 3xx itself. The client's default otherwise. */
  readonly maxRedirects?: number;
  /**
   * The rate-limit budget this request draws from, within its host and credential, for platforms that
   * count per endpoint (X counts each endpoint on its own 15-minute window). Shared by the host otherwise.
   */
  readonly rateLimitBucket?: string;
  /**
   * Whether repeating the request is harmless. Defaults to true except for POST and PATCH, which are only
   * retried when the server says it did not process them (408, 429, 503).
   */
  readonly idempotent?: boolean;
}

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  readonly url: string;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** True for a 304: the copy the validators describe is still current. */
  readonly notModified: boolean;
  readonly body: Buffer;
  /** The validators to send next time. */
  readonly validators: HttpValidators;
  /** The body as text, in the charset the Content-Type names (UTF-8 otherwise). */
  text(): string;
  /** The body parsed as JSON; a JSONP wrapper (`jsonFlickrApi({...})`, a Tumblr callback) is removed first. */
  json<T = unknown>(): T;
}

/** What the client knows about one rate-limit budget (a host, a credential and a bucket). */
export interface RateLimitState {
  readonly limit?: number;
  readonly remaining?: number;
  /** When the budget refills, epoch milliseconds. */
  readonly resetAt?: number;
  /** Until when the server asked us to stay away (Retry-After, a 429), epoch milliseconds. */
  readonly blockedUntil?: number;
  /** The earliest time the next request may go, epoch milliseconds; now or earlier means at once. */
  readonly nextAllowedAt: number;
}

/**
 * The HTTP client a plugin gets from its context: timeouts, retries with backoff, every
 * platform's rate-limit headers honoured per host and credential, conditional requests, and
 * credentials kept out of logs.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * The earliest time (epoch ms) a request to this host may go with this credential, so a scheduler
   * can wait for a reset instead of calling. `hostOrUrl` is a host (`api.x.com`) or any URL on it.
   */
  nextAllowedAt(hostOrUrl: string, credential?: HttpCredential, bucket?: string): number;
  /** The budget as the last responses described it; undefined when nothing is known yet. */
  rateLimit(hostOrUrl: string, credential?: HttpCredential, bucket?: string): RateLimitState | undefined;
}
