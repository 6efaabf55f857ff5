import { z } from '@handshake/sdk';
import { isDid } from '../syntax/did.js';
import { isHandle } from '../syntax/handle.js';
import { ENDPOINT_NAMES } from './appview-cursor.js';

const account = z
  .string()
  .transform((text) => text.trim().replace(/^@/, ''))
  .transform((text) => (text.startsWith('did:') ? text : text.toLowerCase()))
  .refine((text) => isDid(text) || isHandle(text), {
    error: 'expected a handle such as alice.bsky.social or a DID such as did:plc:7iza6de2dwap2sbkpav7c6c6',
  });

/**
 * Options of the `bluesky` source: the public AppView, no login. It reads the accounts of the crawl plan
 * (the user, the targets, the introducers) and any listed in `accounts`, within per-poll limits.
 */
export const BlueskyAppViewOptions = z.strictObject({
  /** The AppView's address; tests point it at a fixture server. */
  appView: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) address such as https://public.api.bsky.app' })
    .default('https://public.api.bsky.app'),
  /** More accounts to read besides the plan's, as handles or DIDs. */
  accounts: z.array(account).default([]),
  /** Which lists to read for each account. */
  read: z
    .array(z.enum(ENDPOINT_NAMES))
    .min(1)
    .default([...ENDPOINT_NAMES]),
  /** Items asked per page (the AppView allows 1 to 100). */
  pageSize: z.int().min(1).max(100).default(100),
  /** Pages read per account and list in one poll; the rest is read by the next polls. */
  maxPages: z.int().min(1).max(1000).default(10),
  /** Accounts read in one poll, in the plan's order (the user, targets, introducers) after those listed. */
  maxAccounts: z.int().min(1).max(10_000).default(100),
});
export type BlueskyAppViewOptions = z.infer<typeof BlueskyAppViewOptions>;
