/**
 * Where a repository import stands. `content` names what was read: the SHA-256 of a CAR file, or the commit
 * CID of a fetched repository (a Merkle root: the same CID is the same records). The records are read in MST
 * key order, so `after` (the last key committed) is where an interrupted import resumes.
 */
export interface RepoCursor {
  readonly version: 1;
  readonly content: string;
  /** The commit's revision, when it has one: for the log and for a reader of the ledger. */
  readonly rev?: string;
  readonly after?: string;
  /** Every record was read: the same content is not read again. */
  readonly done: boolean;
}

/** Reads a cursor this kind wrote; anything else reads the repository afresh (stored signals cost nothing). */
export function parseRepoCursor(text: string | undefined): RepoCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<RepoCursor>;
    if (value.version === 1 && typeof value.content === 'string' && typeof value.done === 'boolean') {
      return {
        version: 1,
        content: value.content,
        done: value.done,
        ...(typeof value.rev === 'string' ? { rev: value.rev } : {}),
        ...(typeof value.after === 'string' ? { after: value.after } : {}),
      };
    }
  } catch {
    // Not a cursor of this kind: read everything again.
  }
  return undefined;
}
