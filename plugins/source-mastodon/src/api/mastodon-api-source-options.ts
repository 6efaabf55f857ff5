import { secret, z } from '@handshake/sdk';
import { accountAddress } from './account-address.js';

const pages = (fallback: number, what: string) =>
  z
    .int()
    .min(1)
    .max(1000)
    .default(fallback)
    .meta({ description: `Pages of ${what} read at most per account and run.` });

/** Options of the `mastodon` source: the instance, the user's token if any, more accounts, and how much to read per run. */
export const MastodonApiSourceOptions = z.strictObject({
  /** The instance the user's account is on, or any instance: `https://mastodon.social`. Only its origin counts. */
  instance: z
    .url({ protocol: /^https?$/, error: 'expected the address of a Mastodon instance, such as https://mastodon.social' })
    .transform((url) => new URL(url).origin)
    .meta({ description: 'The instance to ask, such as https://mastodon.social: the user’s own when there is a token.' }),
  /**
   * An access token of the user's account on that instance (Preferences → Development → New application,
   * scope `read`). Optional: public accounts, statuses and lists need none; the user's favourites and
   * notifications do.
   */
  token: secret().optional(),
  /** Accounts to read besides the crawl plan's: `user@host`, `@user@host`, an actor URI or a profile page. */
  accounts: z
    .array(
      z.string().refine((text) => accountAddress(text) !== undefined, {
        error: 'expected an account such as user@mastodon.social, @user@mastodon.social or https://mastodon.social/users/user',
      }),
    )
    .default([])
    .meta({ description: 'Accounts to read besides the crawl plan’s: user@host, an actor URI or a profile page.' }),
  /** Page limits per run: the next run goes on where a limit stopped. */
  pages: z
    .strictObject({
      /** 40 statuses a page. */
      statuses: pages(10, 'statuses (40 each)'),
      /** 80 accounts a page, for following and for followers each. */
      follows: pages(10, 'following and of followers (80 each)'),
      /** 40 statuses a page; with a token only. */
      favourites: pages(10, 'the user’s favourites (40 each)'),
      /** 80 notifications a page; with a token only. */
      notifications: pages(10, 'the user’s notifications (80 each)'),
    })
    .prefault({}),
});
export type MastodonApiSourceOptions = z.infer<typeof MastodonApiSourceOptions>;
