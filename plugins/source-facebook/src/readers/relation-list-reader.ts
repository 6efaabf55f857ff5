import { type ArchiveEntry, relationSignalId, type Signal, type SignalKind } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import type { RelationListKind } from '../facebook-layout.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord } from '../json-record.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';

interface ListFormat {
  /** The list's key across layouts: `friends` (2018), `friends_v2` (2021 on), `followers_v3` (2024). */
  readonly key: RegExp;
  readonly expected: string;
  /** The signal an entry is, and which way it points; none for a removed friend. */
  readonly relation?: { readonly kind: SignalKind; readonly towardOwner: boolean };
}

/**
 * A pending friend request is one-way interest, never a connection: whoever sent it follows the
 * other (Facebook itself makes the sender follow), so sent and received requests are `follow`s
 * with the same ids a following or follower entry gets, and a person in both lists counts once.
 */
const FORMATS: Readonly<Record<RelationListKind, ListFormat>> = {
  friends: {
    key: /^friends(?:_v\d+)?$/,
    expected: '{"friends_v2": [{name, timestamp}]}',
    relation: { kind: 'connection', towardOwner: false },
  },
  removedFriends: { key: /^(?:deleted|removed)_friends(?:_v\d+)?$/, expected: '{"deleted_friends_v2": [{name, timestamp}]}' },
  sentRequests: {
    key: /^sent_requests(?:_v\d+)?$/,
    expected: '{"sent_requests_v2": [{name, timestamp}]}',
    relation: { kind: 'follow', towardOwner: false },
  },
  receivedRequests: {
    key: /^received_requests(?:_v\d+)?$/,
    expected: '{"received_requests_v2": [{name, timestamp}]}',
    relation: { kind: 'follow', towardOwner: true },
  },
  following: {
    key: /^following(?:_v\d+)?$/,
    expected: '{"following_v3": [{name, timestamp}]}',
    relation: { kind: 'follow', towardOwner: false },
  },
  followers: { key: /^followers(?:_v\d+)?$/, expected: '{"followers_v3": [{name}]}', relation: { kind: 'follow', towardOwner: true } },
};

/**
 * Reads one list of people: friends become `connection`s, following and sent requests `follow`s
 * from the owner, followers and received requests `follow`s toward the owner. An entry with no
 * time (followers never have one) is dated with the export's time. A removed friend is not a
 * current tie and handshake has no signal for a tie that ended, so it is skipped, counted.
 */
export async function* readRelationList(
  context: ReadingContext,
  kind: RelationListKind,
  entry: ArchiveEntry,
): AsyncGenerator<RecordOutcome> {
  const format = FORMATS[kind];
  for await (const record of streamExportRecords(context.archive, entry, {
    array: { key: format.key },
    expected: format.expected,
    onBytes: context.countBytes,
  })) {
    if (!record.ok) {
      yield { rejected: [{ where: record.where, reason: record.reason }] };
      continue;
    }
    const value = record.value;
    if (!isRecord(value)) {
      yield { rejected: [{ where: record.where, reason: `expected {name, timestamp}, received ${describeValue(value)}` }] };
      continue;
    }
    const person = context.person(value.name);
    if (!person.ok) {
      const bad = typeof value.name !== 'string';
      yield bad
        ? { rejected: [{ where: record.where, reason: person.reason }] }
        : { skipped: [{ where: record.where, reason: person.reason }] };
      continue;
    }
    if (context.isOwner(person.ref)) {
      yield { skipped: [{ where: record.where, reason: "the owner's own name" }] };
      continue;
    }
    if (!format.relation) {
      yield {
        skipped: [
          { where: record.where, reason: 'a removed friend: the friendship ended, and handshake records no signal for a tie that ended' },
        ],
      };
      continue;
    }
    let at: string;
    let rawAt: string | undefined;
    if (value.timestamp === undefined || value.timestamp === null || value.timestamp === 0) {
      at = await context.exportTime();
    } else {
      const instant = facebookInstant(value.timestamp, 'seconds');
      if (typeof instant === 'string') {
        yield { rejected: [{ where: record.where, reason: `timestamp: ${instant}` }] };
        continue;
      }
      ({ at, rawAt } = instant);
    }
    const { kind: signalKind, towardOwner } = format.relation;
    const actor = towardOwner ? person.ref : context.owner;
    const subject = towardOwner ? context.owner : person.ref;
    const signal: Signal = {
      id: relationSignalId(FACEBOOK, signalKind, actor, subject),
      network: FACEBOOK,
      kind: signalKind,
      actor,
      subject,
      at,
      ...(rawAt === undefined ? {} : { rawAt }),
    };
    yield { signals: [signal] };
  }
}
