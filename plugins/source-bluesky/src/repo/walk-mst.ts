import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import type { CarBlocks } from './car-blocks.js';
import { cidKey } from './cid-key.js';

/** What walking the tree finds, in key order. */
export type MstItem =
  /** A record: its key (`collection/rkey`) and the CID of its block. */
  | { readonly kind: 'record'; readonly key: string; readonly cid: CID }
  /** A node the CAR does not hold, or cannot be read: the records under it are not reached. */
  | { readonly kind: 'unreadable-node'; readonly cid: CID; readonly reason: string };

interface NodeEntry {
  readonly key: string;
  readonly value: CID;
  readonly tree: CID | null;
}

interface MstNode {
  readonly left: CID | null;
  readonly entries: readonly NodeEntry[];
}

function cidOrNull(value: unknown): CID | null | undefined {
  if (value === null || value === undefined) return null;
  return CID.asCID(value) ?? undefined;
}

/** A node `{l, e: [{p, k, v, t}]}`: each key is the first `p` bytes of the previous key, then `k`. */
function decodeNode(bytes: Uint8Array): MstNode | string {
  let value: unknown;
  try {
    value = dagCbor.decode(bytes);
  } catch (error) {
    return `not DAG-CBOR (${(error as Error).message})`;
  }
  const node = value as { l?: unknown; e?: unknown } | null;
  if (typeof node !== 'object' || node === null || !Array.isArray(node.e)) return 'not an MST node ({l, e})';
  const left = cidOrNull(node.l);
  if (left === undefined) return 'l: expected a CID or null';
  let previous: Uint8Array = new Uint8Array(0);
  const entries: NodeEntry[] = [];
  for (const [index, raw] of node.e.entries()) {
    const entry = raw as { p?: unknown; k?: unknown; v?: unknown; t?: unknown } | null;
    const prefix = entry?.p;
    const suffix = entry?.k;
    const recordCid = CID.asCID(entry?.v);
    const tree = cidOrNull(entry?.t);
    if (!Number.isInteger(prefix) || (prefix as number) < 0 || (prefix as number) > previous.length || !(suffix instanceof Uint8Array)) {
      return `e[${index}]: expected a prefix length p and key bytes k`;
    }
    if (recordCid === null || tree === undefined) return `e[${index}]: expected a record CID v and a subtree CID t or null`;
    const key = Buffer.concat([previous.subarray(0, prefix as number), suffix]);
    previous = key;
    entries.push({ key: key.toString('latin1'), value: recordCid, tree });
  }
  return { left, entries };
}

/**
 * Walks a repository's Merkle search tree from its root, yielding its records in key order. Keys sort as
 * `collection/rkey`, so the walk can start after a key: every subtree whose keys all come before it is
 * skipped unread, which is how an interrupted import resumes. A node the CAR lacks or that cannot be read is
 * reported and walked around, so a partial export gives what it holds.
 */
export async function* walkMst(blocks: CarBlocks, root: CID, after?: string): AsyncGenerator<MstItem> {
  const visited = new Set<string>();
  async function* walk(cid: CID): AsyncGenerator<MstItem> {
    // A node reached twice means a cycle (the CAR's block hashes are not verified): walk it once.
    const key = cidKey(cid);
    if (visited.has(key)) return;
    visited.add(key);
    const bytes = await blocks.get(cid);
    if (bytes === undefined) {
      yield { kind: 'unreadable-node', cid, reason: 'not in the CAR (a partial export): the records under it are not read' };
      return;
    }
    const node = decodeNode(bytes);
    if (typeof node === 'string') {
      yield { kind: 'unreadable-node', cid, reason: `${node}: the records under it are not read` };
      return;
    }
    const first = node.entries[0];
    if (node.left !== null && (after === undefined || first === undefined || after < first.key)) yield* walk(node.left);
    for (const [index, entry] of node.entries.entries()) {
      if (after === undefined || entry.key > after) yield { kind: 'record', key: entry.key, cid: entry.value };
      const next = node.entries[index + 1];
      if (entry.tree !== null && (after === undefined || next === undefined || after < next.key)) yield* walk(entry.tree);
    }
  }
  yield* walk(root);
}
