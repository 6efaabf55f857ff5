import { filePath, z } from '@handshake/sdk';

/** How each way of naming the feeds reads in an error, so every message explains all three. */
const MODES = {
  path: 'path (a saved feed or OPML file)',
  url: 'url (the http(s) address of a feed or OPML file)',
  plan: 'plan: true (the feed of every feed identity in the crawl plan)',
} as const;

/**
 * Options of the `feed` source: exactly one of `path`, `url` and `plan: true`, and `owner: me` when
 * the feed or the OPML list named by `path` or `url` is the user's own.
 */
export const FeedSourceOptions = z
  .strictObject({
    /** A saved feed (RSS, Atom, JSON Feed) or OPML file. */
    path: filePath().optional(),
    /** The address of a feed or OPML file, fetched with conditional GET. */
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://dan.example/feed.xml' }).optional(),
    /**
     * `true`: read, with conditional GET, the feed at every `feed` identity of the crawl plan (the user,
     * the targets, the introducers), whose ids are their feeds' URLs.
     */
    plan: z.boolean({ error: 'expected true (read the feeds of the crawl plan) or false' }).optional(),
    /** `me`: the feed is the user's blog, or the OPML list the user's subscriptions or blogroll. */
    owner: z.literal('me', { error: 'expected "me" (the feed or list is the user\'s own), or no owner' }).optional(),
  })
  .check((context) => {
    const { path, url, plan, owner } = context.value;
    const given = [path !== undefined && 'path', url !== undefined && 'url', plan === true && 'plan'].filter((mode) => mode !== false);
    if (given.length > 1) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: [given[1] as string],
        message: `give only one of ${MODES.path}, ${MODES.url} and ${MODES.plan}; got ${given.join(' and ')}`,
      });
    } else if (given.length === 0) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        message: `expected ${MODES.path}, ${MODES.url} or ${MODES.plan}`,
      });
    } else if (plan === true && owner !== undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['owner'],
        message: "owner: me does not go with plan: true: the plan's feeds are each its person's, and the user's own are already the user's",
      });
    }
  });
export type FeedSourceOptions = z.infer<typeof FeedSourceOptions>;
