import { filePath, z } from '@handshake/sdk';

/**
 * Options of the `feed` source: exactly one of `path` and `url`, and `owner: me` when the feed
 * or the OPML list is the user's own.
 */
export const FeedSourceOptions = z
  .strictObject({
    /** A saved feed (RSS, Atom, JSON Feed) or OPML file. */
    path: filePath().optional(),
    /** The address of a feed or OPML file, fetched with conditional GET. */
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://dan.example/feed.xml' }).optional(),
    /** `me`: the feed is the user's blog, or the OPML list the user's subscriptions or blogroll. */
    owner: z.literal('me', { error: 'expected "me" (the feed or list is the user\'s own), or no owner' }).optional(),
  })
  .check((context) => {
    const { path, url } = context.value;
    if (path !== undefined && url !== undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['url'],
        message: 'give either path (a saved feed or OPML file) or url (its address), not both',
      });
    } else if (path === undefined && url === undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        message: 'expected path (a saved feed or OPML file) or url (the http(s) address of a feed or OPML file)',
      });
    }
  });
export type FeedSourceOptions = z.infer<typeof FeedSourceOptions>;
