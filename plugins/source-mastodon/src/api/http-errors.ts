import { HttpError } from '@handshake/sdk';

/**
 * Whether an error is the SDK's HttpError: by name as well as by class, since a plugin installed with its
 * own copy of the SDK has another HttpError class.
 */
export function isHttpError(error: unknown): error is HttpError {
  return (
    error instanceof HttpError ||
    (error instanceof Error && error.name === 'HttpError' && 'reason' in error && 'attempts' in error && 'kind' in error)
  );
}

/** The reason a request failed, in a few words, for a rejection. */
export function failureReason(error: unknown): string {
  if (error instanceof MastodonAnswerError) return error.message.slice(error.url.length + 2);
  if (!isHttpError(error)) return error instanceof Error ? error.message : String(error);
  const attempts = error.attempts > 1 ? ` (after ${error.attempts} attempts)` : '';
  const body = error.bodyExcerpt === undefined ? '' : `: ${error.bodyExcerpt}`;
  return `${error.reason}${attempts}${body}`;
}

/** A 2xx answer whose body is not the JSON the API documents (an HTML page from a proxy, a truncated body). */
export class MastodonAnswerError extends Error {
  override readonly name = 'MastodonAnswerError';

  constructor(
    /** The URL asked, credentials removed. */
    readonly url: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${url}: ${reason}`, options);
  }
}

/**
 * Whether a request failed in a way that concerns only what it asked for (a status, a bad answer, a
 * server that is down), so the read goes on with the rest. A rate limit and an abort concern every
 * request after it, and end the read.
 */
export function isRequestFailure(error: unknown): error is HttpError | MastodonAnswerError {
  return error instanceof MastodonAnswerError || (isHttpError(error) && error.kind !== 'rate-limited');
}
