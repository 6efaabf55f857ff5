import type { IdentityReport, Rejection, Signal } from '@handshake/sdk';

/** What one entry of a document (a feed item, an OPML outline) became. */
export interface MappedEntry {
  readonly signals: readonly Signal[];
  readonly identities: readonly IdentityReport[];
  readonly rejected?: Rejection;
  readonly skipped?: Rejection;
}

/** Turns a read document into identities and signals, one entry at a time, so a read can resume at any entry. */
export interface DocumentMapper {
  /** The identities the document as a whole describes: the feed, or the list's owner. */
  readonly identities: readonly IdentityReport[];
  /** How many entries the document has. */
  readonly size: number;
  /** The entry at a 0-based position. */
  map(position: number): MappedEntry;
}
