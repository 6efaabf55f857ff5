import { type IdentityRef, OWNER_ID, type Signal, signalId } from '@handshake/sdk';
import { type JsonFields, jsonArray, jsonObject } from './json-fields.js';
import { parseTwitterDate, signalTime } from './parse-twitter-date.js';
import { idString, TWITTER, twitterIdentity } from './twitter-identity.js';

export interface ConversationContext {
  readonly owner: IdentityRef;
  /** `direct-messages-group.js` and its headers, rather than one-to-one conversations. */
  readonly group: boolean;
  /** Groups with more participants are skipped whole: large groups are mostly spam. */
  readonly maxGroupSize: number;
  /**
   * Ids of messages already turned into signals. The header files repeat the messages of the full
   * files without their text; only the ones the full files lack are read from them.
   */
  readonly seen: { has(id: string): boolean; add(id: string): void };
}

export interface MappedConversation {
  /** The signals of each message (the message and the reactions to it), one fact per entry. */
  readonly facts: Signal[][];
  /** Messages that could not be read, by their index in `messages`. */
  readonly rejected: { readonly message: number; readonly reason: string }[];
  /** Why the whole conversation holds nothing to count, when it does not. */
  readonly skipped?: string;
}

export type ConversationMapping =
  | { readonly ok: true; readonly conversation: MappedConversation }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns one `dmConversation` into `message` signals, sender to recipient, with the conversation's
 * size in `object.participants` so rules can weigh group talk apart from one-to-one. In a group,
 * a message goes from its sender to every other participant. A reaction to a message is a `like`
 * of its sender. Joins, leaves and renames hold no fact of their own; they only tell who is in the group.
 */
export function conversationSignals(element: unknown, context: ConversationContext): ConversationMapping {
  const conversation = jsonObject(jsonObject(element)?.dmConversation);
  if (!conversation) return { ok: false, reason: 'expected {"dmConversation": {...}}' };
  if (!Array.isArray(conversation.messages)) return { ok: false, reason: 'dmConversation.messages: expected an array' };
  const conversationId = typeof conversation.conversationId === 'string' ? conversation.conversationId : '(no conversationId)';
  const events: readonly unknown[] = conversation.messages;
  const members = context.group ? groupMembers(events, context.owner) : undefined;
  if (members && members.size > context.maxGroupSize) {
    const count = events.filter((event) => jsonObject(jsonObject(event)?.messageCreate)).length;
    const skipped = `group conversation ${conversationId} has ${members.size} participants, more than maxGroupSize ${context.maxGroupSize}: ${count === 1 ? 'its 1 message is' : `its ${count} messages are`} not counted`;
    return { ok: true, conversation: { facts: [], rejected: [], skipped } };
  }
  const participants = members ? members.size : 2;
  const facts: Signal[][] = [];
  const rejected: { message: number; reason: string }[] = [];
  for (const [index, event] of events.entries()) {
    const message = jsonObject(jsonObject(event)?.messageCreate);
    if (!message) continue;
    const id = idString(message.id);
    if (!id) {
      rejected.push({ message: index, reason: `messageCreate: expected an id of digits, received ${JSON.stringify(message.id ?? null)}` });
      continue;
    }
    if (context.seen.has(id)) continue;
    const sender = idString(message.senderId);
    if (!sender) {
      rejected.push({ message: index, reason: `message ${id}: senderId is missing` });
      continue;
    }
    const when = typeof message.createdAt === 'string' ? parseTwitterDate(message.createdAt) : undefined;
    if (!when) {
      rejected.push({
        message: index,
        reason: `message ${id}: expected createdAt such as "2023-08-12T17:10:37.000Z", received ${JSON.stringify(message.createdAt ?? null)}`,
      });
      continue;
    }
    const recipients = members ? [...members].filter((member) => member !== sender) : oneToOneRecipient(message, conversationId, sender);
    if (!members && recipients.length === 0) {
      rejected.push({
        message: index,
        reason: `message ${id}: no recipientId, and conversationId ${JSON.stringify(conversationId)} names no one else`,
      });
      continue;
    }
    context.seen.add(id);
    const links = [
      ...new Set(
        jsonArray(message.urls)
          .map((url) => jsonObject(url)?.expanded ?? jsonObject(url)?.url)
          .filter((url): url is string => typeof url === 'string' && url !== ''),
      ),
    ];
    const object = { participants, ...(links.length > 0 ? { links } : {}) };
    const signals: Signal[] = recipients
      .filter((recipient) => recipient !== sender)
      .map((recipient) => ({
        ...signalTime(when),
        network: TWITTER,
        id: signalId(TWITTER, `dm:${id}`, members ? `to:${recipient}` : undefined),
        kind: 'message',
        actor: twitterIdentity(sender),
        subject: twitterIdentity(recipient),
        object,
      }));
    for (const item of jsonArray(message.reactions)) {
      const reaction = jsonObject(item);
      const reactor = idString(reaction?.senderId);
      if (!reactor || reactor === sender) continue;
      const reacted = typeof reaction?.createdAt === 'string' ? parseTwitterDate(reaction.createdAt) : undefined;
      const key = typeof reaction?.reactionKey === 'string' ? reaction.reactionKey : 'reaction';
      signals.push({
        ...signalTime(reacted ?? when),
        network: TWITTER,
        id: signalId(TWITTER, `dm:${id}`, `reaction:${reactor}:${key}`),
        kind: 'like',
        actor: twitterIdentity(reactor),
        subject: twitterIdentity(sender),
        object: { participants },
      });
    }
    facts.push(signals);
  }
  return { ok: true, conversation: { facts, rejected } };
}

/**
 * Everyone the group ever held: the snapshot taken when the owner joined, people added or leaving
 * later, and everyone who wrote, plus the owner.
 */
function groupMembers(events: readonly unknown[], owner: IdentityRef): Set<string> {
  const members = new Set<string>();
  const add = (value: unknown) => {
    const id = idString(value);
    if (id) members.add(id);
  };
  if (owner.id !== OWNER_ID) members.add(owner.id);
  for (const event of events) {
    const fields = jsonObject(event);
    const inner = jsonObject(fields?.messageCreate ?? fields?.joinConversation ?? fields?.participantsJoin ?? fields?.participantsLeave);
    if (!inner) continue;
    add(inner.senderId);
    add(inner.initiatingUserId);
    for (const id of jsonArray(inner.participantsSnapshot)) add(id);
    for (const id of jsonArray(inner.userIds)) add(id);
  }
  return members;
}

/** A one-to-one message's recipient; older files leave it out, but `conversationId` is `<low>-<high>`. */
function oneToOneRecipient(message: JsonFields, conversationId: string, sender: string | undefined): string[] {
  const recipient = idString(message.recipientId);
  if (recipient) return [recipient];
  const other = conversationId.split('-').filter((id) => idString(id) && id !== sender);
  return other.length === 1 ? (other as string[]) : [];
}
