import { duration, secret, z } from '@handshake/sdk';

/** What the `x-api` source can read of each account, in the order it reads them. */
export const X_API_ENDPOINTS = ['following', 'followers', 'tweets', 'mentions', 'likes'] as const;
export type XApiEndpoint = (typeof X_API_ENDPOINTS)[number];

/** An account as configured: a numeric id, or a username with or without `@`. */
const ACCOUNT = /^(?:\d{1,20}|@?\w{1,15})$/;

/** Options of the `x-api` source. */
export const XApiSourceOptions = z.strictObject({
  /** The API's origin; a test points it at a fixture server. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://api.x.com' }).default('https://api.x.com'),
  /** The app's bearer token (app-only authentication). It travels in the Authorization header and is never logged. */
  bearerToken: secret(),
  /**
   * Accounts to read besides the pipeline's own (me, targets, introducers on `twitter`): numeric
   * account ids, or usernames (`@dan` or `dan`); digits alone are read as an id, so write a
   * username of digits with its `@`.
   */
  accounts: z.array(z.string().trim().regex(ACCOUNT, 'expected an account id such as "783214" or a username such as "@dan"')).default([]),
  /**
   * What to read of each account. X grants endpoints by access level: leave out the ones your app
   * may not call (it answers 403 for them).
   */
  endpoints: z
    .array(z.enum(X_API_ENDPOINTS))
    .min(1, `expected at least one of ${X_API_ENDPOINTS.join(', ')}`)
    .default([...X_API_ENDPOINTS]),
  /** Pages read at most per account, endpoint and run; a longer list goes on from there in the next run. */
  maxPages: z.number().int().min(1).max(100).default(5),
  /** How many of each account's latest tweets have their likers read, each run (one request or more per tweet). */
  likesOfLatestTweets: z.number().int().min(1).max(100).default(5),
  /**
   * Follow lists carry no dates and profiles change rarely, while X allows few requests for them:
   * a follow list read to its end, and a profile, are read again only after this long.
   */
  refresh: duration().default(86_400_000),
});
export type XApiSourceOptions = z.infer<typeof XApiSourceOptions>;
