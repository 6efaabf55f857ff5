/**
 * A list could not be read after every retry the HTTP client allows. The message names what was being
 * read and the request that failed, its URL without the key; `cause` is the HttpError.
 */
export class TumblrReadError extends Error {
  override readonly name = 'TumblrReadError';

  constructor(what: string, cause: unknown) {
    super(`tumblr: cannot read ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
