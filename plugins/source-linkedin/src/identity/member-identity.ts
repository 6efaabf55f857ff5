import type { IdentityReport } from '@handshake/sdk';

/**
 * A LinkedIn member other than the owner. The id is their profile URL when the export gives one
 * (a vanity URL the member can change), else `name:First Last`; both are weak, never merged on their
 * own evidence. Email addresses, which Connections.csv sometimes holds, are never stored.
 */
export function memberIdentity(name: string, url: string | undefined): IdentityReport {
  return {
    network: 'linkedin',
    id: memberId(name, url),
    weak: true,
    ...(name === '' ? {} : { displayName: name }),
    ...(url === undefined ? {} : { url }),
  };
}

/** The id of a member's identity: their profile URL, else their name. */
export function memberId(name: string, url: string | undefined): string {
  return url ?? `name:${name}`;
}
