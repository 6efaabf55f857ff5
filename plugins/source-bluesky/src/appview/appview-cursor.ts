/** The lists the `bluesky` kind reads for each account. */
export const ENDPOINT_NAMES = ['follows', 'followers', 'feed'] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

/** Where reading a newest-first list stops: at an item already read, or at anything older. */
export interface StopMarker {
  /** Ids of the newest items read last time (DIDs, post or repost URIs): a few, in case one is deleted. */
  readonly keys: readonly string[];
  /** Sort time of the newest item read, epoch milliseconds: an older item was read already (author feeds only). */
  readonly time?: number;
}

/** A stretch of a list still to read: from a page cursor down to a stop marker, or to the end. */
export interface PendingSegment {
  readonly cursor: string;
  readonly stop?: StopMarker;
}

/**
 * How far one list of one account is read. Lists come newest first, so a poll reads from the top down to
 * `stop` (what the last poll saw first) and then goes on with the `pending` stretches an earlier poll had
 * to leave at its page limit, newest stretch first.
 */
export interface EndpointState {
  readonly stop?: StopMarker;
  readonly pending: readonly PendingSegment[];
}

/** The `bluesky` kind's cursor: per account DID and list, what was already read. JSON in the ledger. */
export interface AppViewCursor {
  readonly version: 1;
  readonly accounts: Readonly<Record<string, Partial<Record<EndpointName, EndpointState>>>>;
}

export const EMPTY_APPVIEW_CURSOR: AppViewCursor = { version: 1, accounts: {} };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readStop(value: unknown): StopMarker | undefined {
  if (!isObject(value) || !Array.isArray(value.keys)) return undefined;
  const keys = value.keys.filter((key): key is string => typeof key === 'string');
  return { keys, ...(typeof value.time === 'number' && Number.isFinite(value.time) ? { time: value.time } : {}) };
}

function readState(value: unknown): EndpointState | undefined {
  if (!isObject(value)) return undefined;
  const stop = readStop(value.stop);
  const pending = (Array.isArray(value.pending) ? value.pending : []).flatMap((segment): PendingSegment[] => {
    if (!isObject(segment) || typeof segment.cursor !== 'string' || segment.cursor === '') return [];
    const segmentStop = readStop(segment.stop);
    return [{ cursor: segment.cursor, ...(segmentStop ? { stop: segmentStop } : {}) }];
  });
  return { ...(stop ? { stop } : {}), pending };
}

/** Reads a cursor this kind wrote; anything else starts afresh (signals already stored are recognised by id). */
export function parseAppViewCursor(text: string | undefined): AppViewCursor {
  if (text === undefined) return EMPTY_APPVIEW_CURSOR;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return EMPTY_APPVIEW_CURSOR;
  }
  if (!isObject(value) || value.version !== 1 || !isObject(value.accounts)) return EMPTY_APPVIEW_CURSOR;
  const accounts: Record<string, Partial<Record<EndpointName, EndpointState>>> = {};
  for (const [did, lists] of Object.entries(value.accounts)) {
    if (!isObject(lists)) continue;
    const states: Partial<Record<EndpointName, EndpointState>> = {};
    for (const name of ENDPOINT_NAMES) {
      const state = readState(lists[name]);
      if (state) states[name] = state;
    }
    accounts[did] = states;
  }
  return { version: 1, accounts };
}
