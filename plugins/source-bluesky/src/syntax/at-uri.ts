import { isDid } from './did.js';
import { isHandle } from './handle.js';
import { isNsid } from './nsid.js';
import { isRecordKey } from './record-key.js';

/** The longest AT-URI atproto accepts: 8 KB. */
const MAX_AT_URI_LENGTH = 8 * 1024;
const AT_URI = /^at:\/\/([a-zA-Z0-9._:%-]+)(?:\/([a-zA-Z0-9.-]+)(?:\/([a-zA-Z0-9._~:@!$&%')(*+,;=-]+))?)?$/;

/** The parts of an AT-URI: `at://<did or handle>/<collection>/<rkey>`. */
export interface AtUri {
  readonly uri: string;
  /** A DID or a handle. */
  readonly authority: string;
  readonly collection?: string;
  readonly rkey?: string;
}

/** The URI of one record: its authority is a DID, and it names a collection and a key. */
export interface RecordUri extends AtUri {
  readonly collection: string;
  readonly rkey: string;
}

/** Reads an AT-URI in atproto's strict syntax (no trailing slash, no query, no fragment), or undefined. */
export function parseAtUri(text: unknown): AtUri | undefined {
  if (typeof text !== 'string' || text.length > MAX_AT_URI_LENGTH) return undefined;
  const match = AT_URI.exec(text);
  if (!match) return undefined;
  const [, authority = '', collection, rkey] = match;
  if (!isDid(authority) && !isHandle(authority)) return undefined;
  if (collection !== undefined && !isNsid(collection)) return undefined;
  if (rkey !== undefined && !isRecordKey(rkey)) return undefined;
  return { uri: text, authority, ...(collection === undefined ? {} : { collection }), ...(rkey === undefined ? {} : { rkey }) };
}

/** Reads the AT-URI of a record whose repository is named by its DID, as every record reference in a repo is. */
export function parseRecordUri(text: unknown): RecordUri | undefined {
  const uri = parseAtUri(text);
  if (uri?.collection === undefined || uri.rkey === undefined || !isDid(uri.authority)) return undefined;
  return uri as RecordUri;
}

/** The AT-URI of a record. */
export function recordUri(did: string, collection: string, rkey: string): string {
  return `at://${did}/${collection}/${rkey}`;
}
