import { type IdentityReport, ownerIdentity } from '@handshake/sdk';
import { nameKey } from '../identity/person-name.js';

/**
 * The user whose export this is. LinkedIn names the owner nowhere as an id: the identity is the
 * owner's profile URL when the export shows it (as the sender of their own messages), else
 * `ownerIdentity('linkedin')`; either way it is reported with `owner: true`, so the ledger links it to `me`.
 */
export class ExportOwner {
  readonly report: IdentityReport;
  private readonly key: string | undefined;

  constructor(
    /** The owner's name as LinkedIn shows it, when known. */
    readonly name: string | undefined,
    /** The owner's normalized profile URL, when known. */
    readonly url: string | undefined,
  ) {
    this.key = name === undefined ? undefined : nameKey(name);
    this.report = {
      ...(url === undefined ? ownerIdentity('linkedin') : { network: 'linkedin', id: url }),
      owner: true,
      ...(url === undefined ? {} : { url, weak: true }),
      ...(name === undefined ? {} : { displayName: name }),
    };
  }

  /** Whether a person named in the export is the owner: by URL when both sides have one, else by name. */
  matches(name: string, url: string | undefined): boolean {
    if (this.url !== undefined && url !== undefined) return this.url === url;
    return this.key !== undefined && nameKey(name) === this.key;
  }
}
