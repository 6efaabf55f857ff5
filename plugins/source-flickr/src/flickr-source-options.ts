import { duration, secret, z } from '@handshake/sdk';

/** Flickr's NSID, the stable id of an account: digits, `@N`, two digits (`12037949629@N01`). */
export const NSID = /^\d+@N\d{2}$/;

/** Options of the `flickr` source. */
export const FlickrSourceOptions = z.strictObject({
  /** The REST endpoint; a test points it at a fixture server. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://api.flickr.com/services/rest/' })
    .default('https://api.flickr.com/services/rest/'),
  /** The API key from Flickr's App Garden. It travels as the `api_key` query parameter and is never logged. */
  apiKey: secret(),
  /**
   * Accounts to read besides the pipeline's own (me, targets, introducers): NSIDs, or usernames
   * looked up with `flickr.people.findByUsername`.
   */
  accounts: z.array(z.string().trim().min(1, 'expected an NSID such as 12037949629@N01 or a username')).default([]),
  /** Contacts and favorites asked per page (Flickr allows up to 1000 contacts and 500 favorites). */
  perPage: z.number().int().min(1).max(500).default(250),
  /** Pages read at most per list and run; a longer list goes on from there in the next run. */
  maxPages: z.number().int().min(1).default(20),
  /** The latest public photos per account whose comments and favers are read; 0 reads none. */
  recentPhotos: z.number().int().min(0).max(100).default(10),
  /** Contact lists and profiles carry no dates, so they are read again only after this long. */
  refresh: duration().default(86_400_000),
});
export type FlickrSourceOptions = z.infer<typeof FlickrSourceOptions>;
