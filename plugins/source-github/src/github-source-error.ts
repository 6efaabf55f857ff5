/**
 * A read that failed for good (the HTTP client's retries spent, or a rate limit too far away): names the
 * account and what was being read; the cause's message names the URL, with credentials removed.
 */
export class GithubSourceError extends Error {
  override readonly name = 'GithubSourceError';

  constructor(what: string, cause: unknown) {
    super(`github: cannot read ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
