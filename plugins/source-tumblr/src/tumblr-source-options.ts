import { secret, z } from '@handshake/sdk';

/** Options of the `tumblr` source. */
export const TumblrSourceOptions = z.strictObject({
  /** The API's origin; a test points it at a fixture server. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://api.tumblr.com' })
    .default('https://api.tumblr.com'),
  /**
   * The OAuth consumer key of an application registered at https://www.tumblr.com/oauth/apps, used as
   * `api_key`. It travels as a query parameter and is never logged.
   */
  apiKey: secret(),
  /** Blogs to read besides the pipeline's own (me, targets, introducers): names (`staff`), hostnames or uuids (`t:...`). */
  accounts: z.array(z.string().trim().min(1, 'expected a blog name, hostname or uuid (t:...)')).default([]),
  /** Posts, likes and notes asked per page (Tumblr allows 1 to 20). */
  perPage: z.number().int().min(1).max(20).default(20),
  /** Pages read at most per list and run; a longer list goes on from there in the next run. */
  maxPages: z.number().int().min(1).default(10),
  /** The latest original posts per blog whose notes (likes, reblogs, replies) are read; 0 reads none. */
  notesPosts: z.number().int().min(0).max(50).default(10),
  /** Read the posts each blog liked, where the blog shares its likes. */
  likes: z.boolean().default(true),
});
export type TumblrSourceOptions = z.infer<typeof TumblrSourceOptions>;
