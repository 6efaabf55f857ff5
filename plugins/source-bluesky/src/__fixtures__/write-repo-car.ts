import { createHash } from 'node:crypto';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';

/** One record of a test repository: `collection/rkey` and its value. */
export interface TestRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface TestRepo {
  readonly did: string;
  readonly records: readonly TestRecord[];
  readonly rev?: string;
  /** Blocks kept in the CAR but not reached from the commit, as old records in a real export are. */
  readonly history?: readonly unknown[];
  /** Leave these records' blocks out, as a partial export does. */
  readonly withoutBlocks?: readonly string[];
  /** Each key's layer in the tree; by default atproto's (leading zero bit pairs of its SHA-256). */
  readonly layerOf?: (key: string) => number;
}

interface Block {
  readonly cid: CID;
  readonly bytes: Uint8Array;
}

async function block(value: unknown): Promise<Block> {
  const bytes = dagCbor.encode(value);
  return { cid: CID.create(1, dagCbor.code, await sha256.digest(bytes)), bytes };
}

function atprotoLayer(key: string): number {
  const hash = createHash('sha256').update(key).digest();
  let zeros = 0;
  for (const byte of hash) {
    if (byte === 0) {
      zeros += 8;
      continue;
    }
    zeros += Math.clz32(byte) - 24;
    break;
  }
  return Math.floor(zeros / 2);
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/**
 * Writes a repository CAR the way a PDS does: records, a Merkle search tree over `collection/rkey` keys
 * (entries prefix-compressed, subtrees in `l` and `t`), a signed commit (the signature is filler), the commit
 * CID as the CAR's root. For tests of the repo kind on content a test controls.
 */
export async function writeRepoCar(repo: TestRepo): Promise<Buffer> {
  const layerOf = repo.layerOf ?? atprotoLayer;
  const blocks: Block[] = [];
  const recordCids = new Map<string, CID>();
  for (const record of [...repo.records].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const recordBlock = await block(record.value);
    recordCids.set(record.key, recordBlock.cid);
    if (!repo.withoutBlocks?.includes(record.key)) blocks.push(recordBlock);
  }
  const keys = [...recordCids.keys()];

  async function node(sorted: readonly string[], layer: number): Promise<CID | null> {
    if (sorted.length === 0) return null;
    const tops = sorted.filter((key) => layerOf(key) >= layer);
    if (layer === 0 || tops.length === sorted.length)
      return write(
        sorted,
        sorted.map(() => []),
        [],
        layer,
      );
    const groups: string[][] = [[]];
    for (const key of sorted) {
      if (layerOf(key) >= layer) groups.push([]);
      else (groups[groups.length - 1] as string[]).push(key);
    }
    const [before = [], ...after] = groups;
    return write(tops, after, before, layer);
  }

  async function write(entries: readonly string[], after: readonly string[][], before: readonly string[], layer: number): Promise<CID> {
    let previous = new Uint8Array(0);
    const e = [];
    for (const [index, key] of entries.entries()) {
      const bytes = Buffer.from(key, 'latin1');
      const p = commonPrefix(previous, bytes);
      e.push({ p, k: bytes.subarray(p), v: recordCids.get(key) as CID, t: await node(after[index] ?? [], layer - 1) });
      previous = bytes;
    }
    const nodeBlock = await block({ l: await node(before, layer - 1), e });
    blocks.push(nodeBlock);
    return nodeBlock.cid;
  }

  const height = Math.max(0, ...keys.map(layerOf));
  const data = (await node(keys, height)) ?? (await block({ l: null, e: [] })).cid;
  if (keys.length === 0) blocks.push(await block({ l: null, e: [] }));
  for (const old of repo.history ?? []) blocks.push(await block(old));
  const commit = await block({
    did: repo.did,
    version: 3,
    data,
    rev: repo.rev ?? '3kabcdefghij2',
    prev: null,
    sig: new Uint8Array(64),
  });
  blocks.unshift(commit);

  const header = dagCbor.encode({ version: 1, roots: [commit.cid] });
  const parts: Uint8Array[] = [varint(header.length), header];
  for (const { cid, bytes } of blocks) parts.push(varint(cid.bytes.length + bytes.length), cid.bytes, bytes);
  return Buffer.concat(parts);
}
