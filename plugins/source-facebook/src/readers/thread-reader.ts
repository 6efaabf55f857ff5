import { type IdentityRef, type Signal, type SignalObject, signalId } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import type { MessageThread } from '../facebook-layout.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord, records } from '../json-record.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';

/** Folders of conversations the owner never accepted: requests from strangers, and those Facebook filtered as spam. */
const UNACCEPTED_FOLDERS: ReadonlySet<string> = new Set(['message_requests', 'filtered_threads']);
/** Messenger's notices that someone joined or left a group: no one wrote anything. */
const NOTICE_TYPES: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);

/**
 * Reads one conversation, all its `message_N.json` parts in order, streaming each so a thread of
 * any size reads in little memory. Each message is a `message` from its sender to every other
 * named participant, with `object.participants` so group talk counts apart from one-to-one; the
 * reactions on it are `like`s to its sender. A group larger than `maxGroupSize` is skipped whole,
 * as one record, and so is a message request the owner never accepted.
 *
 * A message's id is the thread's folder name, its `timestamp_ms` and its sender: the same in
 * every export. Two messages a sender sent in the same millisecond (a photo and its caption)
 * are told apart by their order, which Facebook keeps.
 */
export async function* readThread(context: ReadingContext, thread: MessageThread): AsyncGenerator<RecordOutcome> {
  const first = thread.parts[0];
  if (!first) return;
  const where = context.archive.describe(first).replace(/\/[^/]+$/, '');
  if (UNACCEPTED_FOLDERS.has(thread.folder)) {
    yield { skipped: [{ where, reason: `a conversation in ${thread.folder}, never accepted by the owner` }] };
    return;
  }
  const participants = context.participants.get(thread);
  if (!participants?.ok) {
    yield { rejected: [{ where: participants?.where ?? where, reason: `participants: ${participants?.reason ?? 'not read'}` }] };
    return;
  }
  const size = participants.names.length;
  if (size > context.maxGroupSize) {
    yield { skipped: [{ where, reason: `a group of ${size} people, more than maxGroupSize (${context.maxGroupSize})` }] };
    return;
  }
  const people: IdentityRef[] = [];
  for (const name of participants.names) {
    const person = context.person(name);
    if (person.ok && !people.some((known) => known.id === person.ref.id)) people.push(person.ref);
  }
  // Everything in the export passed through the owner's inbox, even after they left a group.
  if (context.ownerKnown && !people.some((person) => context.isOwner(person))) people.push(context.owner);
  let previous = '';
  let repeat = 0;
  for (const part of thread.parts) {
    for await (const record of streamExportRecords(context.archive, part, {
      array: { path: ['messages'] },
      expected: '{"messages": [...]}',
      onBytes: context.countBytes,
    })) {
      if (!record.ok) {
        yield { rejected: [{ where: record.where, reason: record.reason }] };
        continue;
      }
      const { value } = record;
      if (!isRecord(value)) {
        yield {
          rejected: [{ where: record.where, reason: `expected a message {sender_name, timestamp_ms}, received ${describeValue(value)}` }],
        };
        continue;
      }
      const instant = facebookInstant(value.timestamp_ms, 'milliseconds');
      if (typeof instant === 'string') {
        yield { rejected: [{ where: record.where, reason: `timestamp_ms: ${instant}` }] };
        continue;
      }
      const sender = context.person(value.sender_name);
      if (!sender.ok) {
        const reason = `sender: ${sender.reason}`;
        yield typeof value.sender_name === 'string'
          ? { skipped: [{ where: record.where, reason }] }
          : { rejected: [{ where: record.where, reason }] };
        continue;
      }
      if (typeof value.type === 'string' && NOTICE_TYPES.has(value.type.toLowerCase())) {
        yield { skipped: [{ where: record.where, reason: `a "${value.type}" notice, not a message` }] };
        continue;
      }
      const recipients = people.filter((person) => person.id !== sender.ref.id);
      if (recipients.length === 0) {
        yield { skipped: [{ where: record.where, reason: 'no one else in the conversation is named (deleted or hidden accounts)' }] };
        continue;
      }
      const base = `message:${thread.id}:${instant.rawAt}:${sender.ref.id}`;
      repeat = base === previous ? repeat + 1 : 1;
      previous = base;
      const key = repeat === 1 ? base : `${base}:${repeat}`;
      const object = messageObject(value, Math.max(size, recipients.length + 1));
      const signals: Signal[] = recipients.map((recipient) => ({
        id: signalId(FACEBOOK, key, `to:${recipient.id}`),
        network: FACEBOOK,
        kind: 'message',
        actor: sender.ref,
        subject: recipient,
        at: instant.at,
        rawAt: instant.rawAt,
        object,
      }));
      const reacted = new Set<string>();
      for (const reaction of records(value.reactions)) {
        const actor = context.person(reaction.actor);
        if (!actor.ok || actor.ref.id === sender.ref.id || reacted.has(actor.ref.id)) continue;
        reacted.add(actor.ref.id);
        // The export gives no time for a reaction: the message's own time is the closest known.
        signals.push({
          id: signalId(FACEBOOK, key, `reaction:${actor.ref.id}`),
          network: FACEBOOK,
          kind: 'like',
          actor: actor.ref,
          subject: sender.ref,
          at: instant.at,
          rawAt: instant.rawAt,
        });
      }
      yield { signals };
    }
  }
}

/** The message's text and shared link, with the conversation's size. */
function messageObject(message: Record<string, unknown>, participants: number): SignalObject {
  const text = typeof message.content === 'string' && message.content.trim() !== '' ? message.content : undefined;
  const share =
    isRecord(message.share) && typeof message.share.link === 'string' && /^https?:\/\//i.test(message.share.link)
      ? message.share.link
      : undefined;
  return {
    ...(text ? { text } : {}),
    ...(share ? { url: share, links: [share] } : {}),
    participants,
  };
}
