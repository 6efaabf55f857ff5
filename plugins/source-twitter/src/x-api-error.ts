/**
 * A read of the X API that failed for good: the client's retries are spent, or X refused the request.
 * The message names the URL (the client has removed credentials from it) and what went wrong.
 */
export class XApiError extends Error {
  override readonly name = 'XApiError';
}
