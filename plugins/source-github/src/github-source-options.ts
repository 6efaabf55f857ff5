import { secret, z } from '@handshake/sdk';

/** A GitHub login: letters, digits and single hyphens inside, at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** What the source can read for each account; all of it by default. */
export const GITHUB_READS = ['events', 'following', 'followers', 'contributors'] as const;
export type GithubRead = (typeof GITHUB_READS)[number];

/** Options of the `github` source. */
export const GithubSourceOptions = z.strictObject({
  /** The REST API root; a test points it at a fixture server. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://api.github.com' })
    .default('https://api.github.com'),
  /**
   * A token raises the limit from 60 to 5000 requests an hour. Public data needs no scope: a fine-grained
   * token with no permissions is enough. It travels in the Authorization header and is never logged. Empty
   * or null (`${env:GITHUB_TOKEN:-}` with the variable unset) reads anonymously.
   */
  token: secret(z.string().trim()).nullish(),
  /** Logins to read besides the pipeline's own GitHub identities (me, targets, introducers, which are numeric ids). */
  accounts: z
    .array(z.string().trim().regex(GITHUB_LOGIN, 'expected a GitHub login such as octocat (letters, digits, single hyphens)'))
    .default([]),
  /** What to read for each account: its public events, whom it follows, who follows it, and (targets only) who contributes to its repositories. */
  include: z.array(z.enum(GITHUB_READS, { error: `expected one of ${GITHUB_READS.join(', ')}` })).default([...GITHUB_READS]),
  /** Pages of 100 read at most of each followers and following list, and of public events (GitHub serves 3 at most). */
  maxPages: z.int().min(1).max(100).default(10),
  /** A target's repositories, most recently pushed first and forks left out, whose contributors are read; 0 reads none. */
  reposPerTarget: z.int().min(0).max(100).default(10),
  /** Pages of 100 contributors read per repository (GitHub sorts them by commits, most first). */
  contributorPages: z.int().min(1).max(10).default(1),
});
export type GithubSourceOptions = z.infer<typeof GithubSourceOptions>;
