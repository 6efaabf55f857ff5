import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import type { Agent } from 'undici';
import type { Disposable } from '../lifecycle/disposable.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRegistry } from '../plugin/plugin-context.js';
import type { Clock } from '../time/clock.js';
import { BufferedHttpResponse } from './buffered-http-response.js';
import { decodeText } from './decode-text.js';
import type {
  BodyErrorReport,
  HttpClient,
  HttpCredential,
  HttpRequest,
  HttpResponse,
  HttpValidators,
  RateLimitState,
} from './http-client.js';
import { bodyExcerpt, HttpError, type HttpErrorKind } from './http-error.js';
import { RateLimiter } from './rate-limiter.js';
import { type RateLimitReading, readRateLimit } from './read-rate-limit.js';
import { redactSecrets, redactUrl } from './redact-url.js';

export const DEFAULT_USER_AGENT = 'handshake/0.1.0 (+https://github.com/handshake-dev/handshake)';

export interface HttpClientOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Every credential value a request carries is registered here, so the host's log redactor blanks it too. */
  readonly secrets?: SecretRegistry;
  readonly userAgent?: string;
  /** Per attempt, from sending to the last byte of the body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts per request, the first one included. Default 4. */
  readonly maxAttempts?: number;
  /** Backoff ceiling of the first retry; it doubles with each retry, and the wait is drawn below it (full jitter). Default 1 s. */
  readonly baseBackoffMs?: number;
  /** The backoff ceiling never grows past this. Default 60 s. */
  readonly maxBackoffMs?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /**
   * The longest rate-limit wait a request sits through; a longer one fails at once with a `rate-limited`
   * HttpError whose `retryAt` says when to come back, so a scheduler can plan instead of hanging. Default 15 min.
   */
  readonly maxRateLimitWaitMs?: number;
  /** Share one limiter between clients that call the same APIs with the same credentials. */
  readonly rateLimiter?: RateLimiter;
  /** The jitter's source of randomness, in [0, 1); tests pin it. */
  readonly random?: () => number;
}

/** An HttpClient that owns connections: dispose it (or register it in a DisposableStore) to close them. */
export type DisposableHttpClient = HttpClient & Disposable;

/** Creates the HTTP client of the SDK, on undici. */
export function createHttpClient(options: HttpClientOptions): DisposableHttpClient {
  return new UndiciHttpClient(options);
}

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

/** Headers whose values are credentials even when a caller sets them by hand (OAuth 1 signatures, cookies). */
const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Answers that say the request was not processed, so even a POST may be sent again. */
const UNPROCESSED_STATUSES = new Set([408, 429, 503]);
/** undici codes for a request that can never work: retrying cannot help. */
const PERMANENT_ERROR_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE']);

interface PreparedRequest {
  readonly method: NonNullable<HttpRequest['method']>;
  readonly url: string;
  readonly origin: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly credential: HttpCredential | undefined;
  readonly credentialHeader: string | undefined;
  readonly credentialParameter: string | undefined;
  /** Values to blank out of anything printed about this request. */
  readonly secrets: readonly string[];
  readonly validators: HttpValidators | undefined;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly bucket: string | undefined;
  readonly idempotent: boolean;
  readonly abort: AbortSignal | undefined;
  readonly bodyError: HttpRequest['bodyError'];
  readonly acceptStatus: readonly number[];
}

interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** An attempt that failed in a way another attempt may fix. */
interface Failure {
  readonly kind: HttpErrorKind;
  readonly reason: string;
  /** The budget the attempt drew from, to know whether the limiter already makes the next one wait. */
  readonly key: string;
  readonly status?: number;
  readonly bodyExcerpt?: string;
  readonly cause?: unknown;
  /** The server did not process the request, so repeating it is safe even when it is not idempotent. */
  readonly unprocessed: boolean;
  /** False for a failure that another attempt cannot fix. */
  readonly retryable: boolean;
}

type AttemptResult = { readonly response: HttpResponse } | { readonly failure: Failure };

class AttemptTimeout extends Error {
  override readonly name = 'AttemptTimeout';
}

/** undici is loaded on the first request: a pipeline that never reaches out pays nothing for it. */
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => {
  undici ??= import('undici');
  return undici;
};

class UndiciHttpClient implements HttpClient, Disposable {
  private agent: Agent | undefined;
  private readonly limiter: RateLimiter;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRedirects: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly random: () => number;
  /** Every credential value this client has carried: an answer may echo any of them. */
  private readonly knownSecrets = new Set<string>();
  private closed = false;

  constructor(private readonly options: HttpClientOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.limiter = options.rateLimiter ?? new RateLimiter(options.clock);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15 * 60_000;
    this.random = options.random ?? Math.random;
  }

  nextAllowedAt(hostOrUrl: string, credential?: HttpCredential, bucket?: string): number {
    return this.limiter.nextAllowedAt(RateLimiter.key(hostOrUrl, credential, bucket));
  }

  rateLimit(hostOrUrl: string, credential?: HttpCredential, bucket?: string): RateLimitState | undefined {
    return this.limiter.state(RateLimiter.key(hostOrUrl, credential, bucket));
  }

  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent?.close();
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    if (this.closed) throw new Error('the HTTP client is closed: its plugin has been shut down');
    const prepared = this.prepare(request);
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(prepared, attempt);
      if ('response' in result) return result.response;
      const { failure } = result;
      const allowed = failure.retryable && (prepared.idempotent || failure.unprocessed);
      if (!allowed || attempt >= this.maxAttempts) {
        const retryAt = failure.kind === 'rate-limited' ? this.limiter.nextAllowedAt(failure.key) : undefined;
        throw this.error(prepared, attempt, failure.kind, failure.reason, { ...failure, retryAt });
      }
      // When the limiter already holds the next attempt back (Retry-After, a reset), it does the waiting.
      const limiterWaits = this.limiter.nextAllowedAt(failure.key) > this.clock.now();
      const delayMs = limiterWaits ? 0 : this.backoff(attempt);
      this.logger.warn(
        {
          method: prepared.method,
          url: this.printable(prepared.url, prepared),
          attempt,
          delayMs,
          reason: failure.reason,
          status: failure.status,
        },
        'http retry',
      );
      await this.clock.sleep(delayMs, prepared.abort);
    }
  }

  private prepare(request: HttpRequest): PreparedRequest {
    const method = request.method ?? 'GET';
    const secrets: string[] = [];
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      throw new Error(`not a valid URL: ${redactUrl(request.url, this.knownSecrets)}`, { cause: error });
    }
    const headers: Record<string, string> = { 'user-agent': this.userAgent, 'accept-encoding': 'gzip, deflate, br' };
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      headers[name.toLowerCase()] = value;
      if (SENSITIVE_HEADERS.includes(name.toLowerCase())) secrets.push(value);
    }
    const credential = request.credential;
    let credentialHeader: string | undefined;
    let credentialParameter: string | undefined;
    if (credential) {
      const value = 'bearer' in credential ? credential.bearer : credential.value;
      this.remember(value);
      secrets.push(value);
      if ('bearer' in credential) {
        credentialHeader = 'authorization';
        headers.authorization = `Bearer ${credential.bearer}`;
      } else if ('header' in credential) {
        credentialHeader = credential.header.toLowerCase();
        headers[credentialHeader] = credential.value;
      } else {
        credentialParameter = credential.query;
        url.searchParams.set(credential.query, credential.value);
      }
    }
    if (request.validators?.etag) headers['if-none-match'] = request.validators.etag;
    if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
    return {
      method,
      url: url.href,
      origin: url.origin,
      headers,
      body: request.body,
      credential,
      credentialHeader,
      credentialParameter,
      secrets,
      validators: request.validators,
      timeoutMs: request.timeoutMs ?? this.timeoutMs,
      maxRedirects: request.maxRedirects ?? this.maxRedirects,
      bucket: request.rateLimitBucket,
      idempotent: request.idempotent ?? (method !== 'POST' && method !== 'PATCH'),
      abort: request.abort,
      bodyError: request.bodyError,
      acceptStatus: request.acceptStatus ?? [],
    };
  }

  /** One attempt: waits for the rate limit, sends, and follows redirects. */
  private async attempt(prepared: PreparedRequest, attempt: number): Promise<AttemptResult> {
    let url = prepared.url;
    let method: string = prepared.method;
    let body = prepared.body;
    let headers = prepared.headers;
    let credential = prepared.credential;
    for (let hop = 0; ; hop++) {
      const key = RateLimiter.key(url, credential, prepared.bucket);
      await this.waitForBudget(key, url, prepared, attempt - 1);
      const reservation = this.limiter.take(key);
      const started = this.clock.now();
      let raw: RawResponse;
      try {
        raw = await this.send(url, method, headers, body, prepared);
      } catch (error) {
        if (prepared.abort?.aborted) {
          this.limiter.refund(reservation);
          throw prepared.abort.reason;
        }
        const failure = this.transportFailure(error, key, prepared);
        // A connection that failed most likely never reached the server; a timed-out request did, and counted.
        if (failure.kind === 'network') this.limiter.refund(reservation);
        this.logger.debug(
          { method, url: this.printable(url, prepared), attempt, durationMs: this.clock.now() - started, error: failure.reason },
          'http request failed',
        );
        return { failure };
      }
      this.logger.debug(
        { method, url: this.printable(url, prepared), status: raw.status, durationMs: this.clock.now() - started, attempt },
        'http request',
      );
      const reading = readRateLimit(raw.headers, raw.status, this.clock.now());
      this.limiter.record(reservation, reading, raw.status === 304);

      const location = raw.headers.location;
      if (REDIRECTS.has(raw.status) && location !== undefined && prepared.maxRedirects > 0) {
        if (hop >= prepared.maxRedirects) {
          throw this.error(prepared, attempt, 'redirects', `more than ${prepared.maxRedirects} redirects`, { status: raw.status });
        }
        const next = new URL(location, url);
        if (raw.status === 303 || ((raw.status === 301 || raw.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        if (next.origin !== prepared.origin && credential) {
          // The credential belongs to the origin it was given for; another origin never sees it.
          credential = undefined;
          headers = Object.fromEntries(
            Object.entries(headers).filter(([name]) => name !== prepared.credentialHeader && !SENSITIVE_HEADERS.includes(name)),
          );
        } else if (credential && prepared.credentialParameter && 'query' in credential && !next.searchParams.has(credential.query)) {
          next.searchParams.set(credential.query, credential.value);
        }
        this.logger.debug(
          { status: raw.status, from: this.printable(url, prepared), to: this.printable(next.href, prepared) },
          'http redirect',
        );
        url = next.href;
        continue;
      }
      return this.classify(prepared, url, raw, reading, key, attempt);
    }
  }

  private classify(
    prepared: PreparedRequest,
    url: string,
    raw: RawResponse,
    reading: RateLimitReading,
    key: string,
    attempt: number,
  ): AttemptResult {
    const status = raw.status;
    const notModified = status === 304;
    const response = new BufferedHttpResponse({
      url: this.withoutCredential(url, prepared),
      status,
      headers: raw.headers,
      body: notModified ? Buffer.alloc(0) : raw.body,
      notModified,
      validators: this.validatorsOf(raw.headers, notModified ? prepared.validators : undefined),
      description: `${prepared.method} ${this.printable(url, prepared)}`,
      redact: (text) => this.scrub(text, prepared),
    });
    if (notModified) return { response };
    const statusText = `HTTP ${status}${raw.statusText ? ` ${raw.statusText}` : ''}`;
    const success = status >= 200 && status < 300;
    if (!success && prepared.acceptStatus.includes(status)) return { response };
    if (reading.limited) {
      this.holdBack(key, attempt);
      return { failure: this.failure('rate-limited', `${statusText} (rate limited)`, key, prepared, raw, true) };
    }
    if (success || (REDIRECTS.has(status) && prepared.maxRedirects === 0)) {
      if (!success || !prepared.bodyError || raw.body.length === 0) return { response };
      const report = this.bodyErrorOf(prepared, response);
      if (!report) return { response };
      if (report.status === 429) {
        this.holdBack(key, attempt);
        return { failure: this.failure('rate-limited', `${report.message} (rate limited)`, key, prepared, raw, true) };
      }
      const retryable = report.retryable ?? (report.status !== undefined && report.status >= 500);
      if (!retryable) {
        throw this.error(prepared, attempt, 'body', report.message, {
          status: report.status ?? status,
          bodyExcerpt: this.excerpt(raw, prepared),
        });
      }
      return { failure: { ...this.failure('body', report.message, key, prepared, raw, retryable), status: report.status ?? status } };
    }
    if (status === 408 || (status >= 500 && status !== 501 && status !== 505)) {
      return { failure: this.failure('status', statusText, key, prepared, raw, true) };
    }
    throw this.error(prepared, attempt, 'status', statusText, { status, bodyExcerpt: this.excerpt(raw, prepared) });
  }

  private bodyErrorOf(prepared: PreparedRequest, response: HttpResponse): BodyErrorReport | undefined {
    let body: unknown;
    try {
      body = response.json();
    } catch {
      body = response.text();
    }
    const report = prepared.bodyError?.(body);
    if (report === undefined) return undefined;
    return typeof report === 'string'
      ? { message: this.scrub(report, prepared) }
      : { ...report, message: this.scrub(report.message, prepared) };
  }

  /** A rate-limited answer that named no time still keeps every request on its budget back for a backoff. */
  private holdBack(key: string, attempt: number): void {
    if (this.limiter.nextAllowedAt(key) <= this.clock.now()) this.limiter.block(key, this.clock.now() + this.backoff(attempt));
  }

  private failure(
    kind: HttpErrorKind,
    reason: string,
    key: string,
    prepared: PreparedRequest,
    raw: RawResponse,
    retryable: boolean,
  ): Failure {
    return {
      kind,
      reason,
      key,
      status: raw.status,
      bodyExcerpt: this.excerpt(raw, prepared),
      unprocessed: kind === 'rate-limited' || UNPROCESSED_STATUSES.has(raw.status),
      retryable,
    };
  }

  private transportFailure(error: unknown, key: string, prepared: PreparedRequest): Failure {
    if (error instanceof AttemptTimeout) {
      return { kind: 'timeout', reason: `timed out after ${prepared.timeoutMs} ms`, key, unprocessed: false, retryable: true };
    }
    const code = errorCode(error);
    const message = error instanceof Error ? this.scrub(error.message, prepared) : String(error);
    return {
      kind: 'network',
      reason: `connection failed (${code ?? 'no code'}${message ? `: ${message}` : ''})`,
      key,
      cause: error,
      unprocessed: code === 'ECONNREFUSED',
      retryable: code === undefined || !PERMANENT_ERROR_CODES.has(code),
    };
  }

  private async waitForBudget(key: string, url: string, prepared: PreparedRequest, attemptsMade: number): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const at = this.limiter.nextAllowedAt(key);
      if (at <= now) return;
      const waitMs = at - now;
      if (waitMs > this.maxRateLimitWaitMs) {
        throw this.error(
          prepared,
          attemptsMade,
          'rate-limited',
          `rate limited until ${new Date(at).toISOString()}, ${Math.ceil(waitMs / 1000)} s away: longer than the ${Math.round(this.maxRateLimitWaitMs / 1000)} s this client waits`,
          { retryAt: at },
        );
      }
      this.logger.warn(
        { host: new URL(url).host, url: this.printable(url, prepared), waitMs, until: new Date(at).toISOString() },
        'rate limit wait',
      );
      await this.clock.sleep(waitMs, prepared.abort);
    }
  }

  private async send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    prepared: PreparedRequest,
  ): Promise<RawResponse> {
    prepared.abort?.throwIfAborted();
    const controller = new AbortController();
    const timer = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(prepared.abort?.reason);
    prepared.abort?.addEventListener('abort', onAbort, { once: true });
    // The timeout runs on the injected clock, so a test decides exactly when an attempt times out.
    this.clock.sleep(prepared.timeoutMs, timer.signal).then(
      () => {
        timedOut = true;
        controller.abort(new AttemptTimeout());
      },
      () => undefined,
    );
    try {
      const { Agent: UndiciAgent, request: undiciRequest } = await loadUndici();
      this.agent ??= new UndiciAgent({ keepAliveTimeout: 10_000 });
      const response = await undiciRequest(url, {
        method: method as 'GET',
        headers,
        body,
        signal: controller.signal,
        dispatcher: this.agent,
      });
      const bytes = Buffer.from(await response.body.arrayBuffer());
      const responseHeaders = flattenHeaders(response.headers);
      return {
        status: response.statusCode,
        statusText: response.statusText,
        headers: responseHeaders,
        body: method === 'HEAD' ? Buffer.alloc(0) : await decompress(bytes, responseHeaders['content-encoding']),
      };
    } catch (error) {
      if (timedOut) throw new AttemptTimeout();
      throw error;
    } finally {
      timer.abort();
      prepared.abort?.removeEventListener('abort', onAbort);
    }
  }

  private validatorsOf(headers: Readonly<Record<string, string>>, sent: HttpValidators | undefined): HttpValidators {
    const etag = headers.etag ?? sent?.etag;
    const lastModified = headers['last-modified'] ?? sent?.lastModified;
    return { ...(etag !== undefined && { etag }), ...(lastModified !== undefined && { lastModified }) };
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  private error(
    prepared: PreparedRequest,
    attempts: number,
    kind: HttpErrorKind,
    reason: string,
    extra: { status?: number; bodyExcerpt?: string; retryAt?: number; cause?: unknown } = {},
  ): HttpError {
    return new HttpError({
      kind,
      method: prepared.method,
      url: this.printable(prepared.url, prepared),
      attempts,
      reason: this.scrub(reason, prepared),
      status: extra.status,
      bodyExcerpt: extra.bodyExcerpt,
      retryAt: extra.retryAt,
      cause: extra.cause,
    });
  }

  private excerpt(raw: RawResponse, prepared: PreparedRequest): string | undefined {
    if (raw.body.length === 0) return undefined;
    return bodyExcerpt(this.scrub(decodeText(raw.body.subarray(0, 4096), raw.headers['content-type']), prepared));
  }

  private printable(url: string, prepared: PreparedRequest): string {
    return redactUrl(url, [...this.knownSecrets, ...prepared.secrets], prepared.credentialParameter ? [prepared.credentialParameter] : []);
  }

  private scrub(text: string, prepared: PreparedRequest): string {
    return redactSecrets(text, [...this.knownSecrets, ...prepared.secrets]);
  }

  /** The URL the caller asked for: the credential parameter this client added is not part of it. */
  private withoutCredential(url: string, prepared: PreparedRequest): string {
    const credential = prepared.credential;
    if (!credential || !('query' in credential)) return url;
    const parsed = new URL(url);
    if (parsed.searchParams.get(credential.query) !== credential.value) return url;
    parsed.searchParams.delete(credential.query);
    return parsed.href;
  }

  private remember(secret: string): void {
    if (this.knownSecrets.has(secret)) return;
    this.knownSecrets.add(secret);
    this.options.secrets?.register(secret);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function decompress(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (body.length === 0 || encoding === undefined) return body;
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipAsync(body);
    case 'deflate':
      // Servers disagree on whether "deflate" has the zlib wrapper; accept both.
      return inflateAsync(body).catch(() => inflateRawAsync(body));
    case 'br':
      return brotliAsync(body);
    default:
      return body;
  }
}

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown })?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}
