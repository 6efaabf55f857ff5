import type { CID } from 'multiformats/cid';

/**
 * A CID as a map key: its bytes as a flat string of 36 characters. Its base32 text is a rope of one-character
 * pieces (the encoder appends them one by one), about 1.5 KB each in V8: ten times a whole block index.
 */
export function cidKey(cid: CID): string {
  return Buffer.from(cid.bytes.buffer, cid.bytes.byteOffset, cid.bytes.byteLength).toString('latin1');
}
