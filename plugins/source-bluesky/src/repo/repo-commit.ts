import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { isDid } from '../syntax/did.js';
import { isTid } from '../syntax/tid.js';

/** The signed commit at the root of a repository: whose it is, and the MST of its records. */
export interface RepoCommit {
  readonly did: string;
  /** 2 (2023) or 3 (with `rev`). */
  readonly version: number;
  /** The root of the Merkle search tree of the records. */
  readonly data: CID;
  /** The revision, a TID; commits of version 2 have none. */
  readonly rev?: string;
}

/** Decodes a commit block (`{did, version, data, rev?, prev, sig}`), or says what is wrong with it. */
export function decodeRepoCommit(bytes: Uint8Array): RepoCommit | string {
  let value: unknown;
  try {
    value = dagCbor.decode(bytes);
  } catch (error) {
    return `the root block is not DAG-CBOR (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null) return 'the root block is not a commit object';
  const commit = value as Record<string, unknown>;
  if (!isDid(commit.did)) return 'the root block names no repository DID: not an atproto repository';
  const data = CID.asCID(commit.data);
  if (data === null) return 'the commit names no MST root (data): not an atproto repository';
  return {
    did: commit.did,
    version: typeof commit.version === 'number' ? commit.version : 0,
    data,
    ...(isTid(commit.rev) ? { rev: commit.rev } : {}),
  };
}
