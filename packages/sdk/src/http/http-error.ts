/** Why a request failed: the status, an error inside a 2xx body, a timeout, the network, a rate limit, or a redirect loop. */
export type HttpErrorKind = 'status' | 'body' | 'timeout' | 'network' | 'rate-limited' | 'redirects';

export interface HttpErrorDetails {
  readonly kind: HttpErrorKind;
  readonly method: string;
  /** With credentials removed. */
  readonly url: string;
  readonly attempts: number;
  /** What went wrong, in a few words: `HTTP 503 Service Unavailable`, `timed out after 30000 ms`. */
  readonly reason: string;
  readonly status?: number;
  /** The start of the last answer's body, with credentials removed. */
  readonly bodyExcerpt?: string;
  /** For `rate-limited`: when the server allows the next request, epoch milliseconds. */
  readonly retryAt?: number;
  readonly cause?: unknown;
}

/**
 * A request that did not succeed, after every attempt it was allowed. Its message names the method,
 * the URL (credentials removed), the attempts and the reason, and never holds a credential.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly kind: HttpErrorKind;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly reason: string;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryAt: number | undefined;

  constructor(details: HttpErrorDetails) {
    const tries = details.attempts === 1 ? '1 attempt' : `${details.attempts} attempts`;
    const body = details.bodyExcerpt ? `: ${details.bodyExcerpt}` : '';
    super(
      `${details.method} ${details.url} failed after ${tries}: ${details.reason}${body}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.reason = details.reason;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.retryAt = details.retryAt;
  }
}

const EXCERPT_LENGTH = 300;

/** The start of a body on one line, for an error message. */
export function bodyExcerpt(text: string, length = EXCERPT_LENGTH): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > length ? `${line.slice(0, length)}…` : line;
}
