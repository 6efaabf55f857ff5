import { isoInstant, parseAtprotoDatetime } from '../syntax/atproto-datetime.js';
import { tidTime } from '../syntax/tid.js';

/** TIDs were first minted in 2022: an earlier one was made up by a client, and bounds nothing. */
const FIRST_TID = Date.UTC(2022, 0, 1);
/** Clients and PDSes disagree on the time by seconds, sometimes minutes; more than this is a made-up date. */
const CLOCK_SKEW_MS = 10 * 60_000;

export type RecordTime = { readonly at: string; readonly rawAt?: string } | { readonly error: string; readonly at?: undefined };

/**
 * When a record was written. `createdAt` is asserted by the client, so it may carry an offset (normalized to
 * UTC, the text kept as `rawAt`), be missing or malformed, or lie in the future. A record key that is a TID
 * says when the record was minted: a `createdAt` after it (beyond clock skew) is not believed and the key's
 * time is used, and so it is when `createdAt` cannot be read. A `createdAt` before it is kept: posts imported
 * from elsewhere are back-dated on purpose. Both kinds of this plugin date a record this way, so the same
 * record has the same time whether it came from the AppView or from the repository.
 */
export function recordTime(createdAt: unknown, rkey: string): RecordTime {
  const parsed = parseAtprotoDatetime(createdAt);
  const minted = tidTime(rkey);
  const keyTime = minted !== undefined && minted >= FIRST_TID ? minted : undefined;
  const raw = typeof createdAt === 'string' ? createdAt : undefined;
  if (parsed === undefined) {
    if (keyTime !== undefined) return { at: isoInstant(keyTime), ...(raw === undefined ? {} : { rawAt: raw }) };
    const shown = raw === undefined ? 'no createdAt' : `createdAt ${JSON.stringify(raw)} is not an atproto datetime`;
    return { error: `${shown}, and the record key is not a TID to date it by` };
  }
  if (keyTime !== undefined && parsed.time > keyTime + CLOCK_SKEW_MS) {
    return { at: isoInstant(keyTime), rawAt: raw as string };
  }
  return parsed.iso === raw ? { at: parsed.iso } : { at: parsed.iso, rawAt: raw as string };
}
