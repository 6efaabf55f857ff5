import { filePath, z } from '@handshake/sdk';
import { isDid } from '../syntax/did.js';

const httpUrl = (example: string) => z.url({ protocol: /^https?$/, error: `expected an http(s) address such as ${example}` });

/**
 * Options of the `bluesky-repo` source: a repository CAR export, from a file (`path`) or fetched from the
 * account's PDS with `com.atproto.sync.getRepo` (`did`, and `service` to name the PDS instead of looking
 * it up in the DID document).
 */
export const BlueskyRepoOptions = z
  .strictObject({
    /** A CAR file: Settings → Privacy and security → Export my data. */
    path: filePath().optional(),
    /** The DID of a repository to fetch. */
    did: z.string().refine(isDid, { error: 'expected a DID such as did:plc:7iza6de2dwap2sbkpav7c6c6' }).optional(),
    /** The PDS that hosts it; looked up in the DID document when absent. */
    service: httpUrl('https://morel.us-east.host.bsky.network').optional(),
    /** Where did:plc documents are looked up. */
    plcDirectory: httpUrl('https://plc.directory').default('https://plc.directory'),
    /** The repository is the user's own (the default). `false` for someone else's: read without making them you. */
    owner: z.boolean().default(true),
  })
  .check((context) => {
    const { path, did, service } = context.value;
    if (path !== undefined && did !== undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['did'],
        message: 'give either path (a CAR file) or did (a repository to fetch), not both',
      });
    } else if (path === undefined && did === undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        message: 'expected path (a repository CAR file) or did (the DID of a repository to fetch)',
      });
    } else if (path !== undefined && service !== undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['service'],
        message: 'service names the PDS to fetch from: it goes with did, not path',
      });
    }
  });
export type BlueskyRepoOptions = z.infer<typeof BlueskyRepoOptions>;
