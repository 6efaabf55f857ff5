import { nameKey } from '../identity/person-name.js';

interface Participant {
  /** The name as the export first spelled it. */
  readonly name: string;
  /** Their profile URL; `null` when two URLs disagree, undefined when none is known. */
  url: string | null | undefined;
}

/** How often a person appears across conversations. */
export interface Presence {
  readonly name: string;
  readonly conversations: number;
}

/**
 * Who takes part in each conversation of messages.csv, gathered in a first pass. It gives the
 * number of people in a conversation (group talk counts apart from one-to-one), and the profile
 * URL of a recipient that older exports name without one: the participant of the same name who
 * sent a message in the same conversation with their URL. That reads the conversation's own
 * participant list; it does not match names across the export.
 */
export class ConversationIndex {
  private readonly conversations = new Map<string, Map<string, Participant>>();

  add(conversation: string, name: string, url: string | undefined): void {
    const key = nameKey(name);
    if (key === '') return;
    let participants = this.conversations.get(conversation);
    if (participants === undefined) {
      participants = new Map();
      this.conversations.set(conversation, participants);
    }
    const known = participants.get(key);
    if (known === undefined) participants.set(key, { name, url });
    else if (known.url === undefined) known.url = url;
    else if (url !== undefined && known.url !== null && known.url !== url) known.url = null;
  }

  /** How many people the conversation has. */
  size(conversation: string): number {
    return this.conversations.get(conversation)?.size ?? 0;
  }

  /** The profile URL of the participant called `name`, when the conversation gives exactly one. */
  urlOf(conversation: string, name: string): string | undefined {
    return this.conversations.get(conversation)?.get(nameKey(name))?.url ?? undefined;
  }

  /** Everyone, with the number of conversations they are in, most present first. */
  presence(): Presence[] {
    const counts = new Map<string, { name: string; conversations: number }>();
    for (const participants of this.conversations.values()) {
      for (const [key, participant] of participants) {
        const entry = counts.get(key);
        if (entry === undefined) counts.set(key, { name: participant.name, conversations: 1 });
        else entry.conversations++;
      }
    }
    return [...counts.values()].sort((a, b) => b.conversations - a.conversations);
  }
}
