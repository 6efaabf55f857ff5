/**
 * One account on one network. `id` is the platform's stable key (account id, actor URL, DID,
 * feed URL); handles and display names are attributes, never keys.
 */
export interface IdentityRef {
  readonly network: string;
  readonly id: string;
}

/** How sure a source is that two identities belong to one human. Only these kinds merge persons. */
export type IdentityLinkEvidence =
  /** both identities are listed for one person in the pipeline config */
  | 'declared'
  /** a verified profile link, such as Mastodon `rel=me` */
  | 'verified-link'
  /** a Bluesky handle that is a domain the other identity controls */
  | 'domain-handle'
  /** the same personal site stated in both profiles */
  | 'same-site';

export interface IdentityLink {
  readonly to: IdentityRef;
  readonly evidence: IdentityLinkEvidence;
}

/** What a source learned about an identity, beside the signals that mention it. */
export interface IdentityReport extends IdentityRef {
  readonly handle?: string;
  readonly displayName?: string;
  readonly url?: string;
  /** The network gives no stable id (Facebook names, LinkedIn vanity URLs): never merged on evidence of its own. */
  readonly weak?: boolean;
  /** The export's owner, who is the pipeline's user (`me`) whatever the config lists. */
  readonly owner?: boolean;
  /** How many accounts this identity follows, when the network says; lets rules discount hubs. */
  readonly followingCount?: number;
  readonly followersCount?: number;
  readonly links?: readonly IdentityLink[];
}

/** The key an identity has in maps and logs: `network:id`. */
export function identityKey(identity: IdentityRef): string {
  return `${identity.network}:${identity.id}`;
}

/**
 * The id a source uses for the export's owner when the export names no id of its own (a LinkedIn
 * export, a Facebook export). The ledger links it to `me`.
 */
export const OWNER_ID = '~owner';

/** The owner of an export on `network`, when the export gives no id for them. */
export function ownerIdentity(network: string): IdentityRef {
  return { network, id: OWNER_ID };
}
