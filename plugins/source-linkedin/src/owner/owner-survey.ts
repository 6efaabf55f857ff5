import { HIDDEN_MEMBER, nameKey } from '../identity/person-name.js';
import type { ConversationIndex } from '../messages/conversation-index.js';
import { ExportOwner } from './export-owner.js';

interface Tally {
  readonly value: string;
  count: number;
}

/** Who owns the export, and why the source could not tell when it could not. */
export interface OwnerDecision {
  readonly owner: ExportOwner;
  /** Set when messages name no clear owner: reported once, so the user can set `ownerName`. */
  readonly ambiguity?: string;
}

/**
 * Gathers evidence of who owns the export during the first pass, then decides. In order of
 * trust: the `ownerName` option, Profile.csv, the side of Invitations.csv that Direction marks as
 * the owner's, and the one person present in the most conversations of messages.csv. The owner's
 * URL is the one the export most often gives with that name.
 */
export class OwnerSurvey {
  private profileName: string | undefined;
  private readonly invitationSides = new Map<string, Tally>();
  private readonly urls = new Map<string, Map<string, Tally>>();

  /** The name on Profile.csv, the export's own profile. */
  profile(name: string): void {
    if (name !== '') this.profileName ??= name;
  }

  /** The name Invitations.csv puts on the owner's side of an invitation. */
  invitationOwner(name: string): void {
    if (name !== '') count(this.invitationSides, nameKey(name), name);
  }

  /** A name seen with a profile URL anywhere in the export. */
  profileUrl(name: string, url: string | undefined): void {
    if (url === undefined || name === '') return;
    const key = nameKey(name);
    let tallies = this.urls.get(key);
    if (tallies === undefined) {
      tallies = new Map();
      this.urls.set(key, tallies);
    }
    count(tallies, url, url);
  }

  decide(ownerName: string | undefined, conversations: ConversationIndex | undefined): OwnerDecision {
    let name = ownerName ?? this.profileName ?? top(this.invitationSides);
    let ambiguity: string | undefined;
    if (name === undefined && conversations !== undefined) {
      const presence = conversations.presence().filter((entry) => nameKey(entry.name) !== nameKey(HIDDEN_MEMBER));
      const [first, second] = presence;
      if (first !== undefined && (second === undefined || first.conversations > second.conversations)) name = first.name;
      else if (first !== undefined) {
        const tied = presence.filter((entry) => entry.conversations === first.conversations).map((entry) => `"${entry.name}"`);
        ambiguity =
          `cannot tell the export's owner: ${tied.join(', ')} each appear in ${first.conversations} conversation${first.conversations === 1 ? '' : 's'}; ` +
          'their messages are kept under their own names; set the ownerName option to link the owner to you';
      }
    }
    const urls = name === undefined ? undefined : this.urls.get(nameKey(name));
    const owner = new ExportOwner(name, urls === undefined ? undefined : top(urls));
    return ambiguity === undefined ? { owner } : { owner, ambiguity };
  }
}

function count(tallies: Map<string, Tally>, key: string, value: string): void {
  const tally = tallies.get(key);
  if (tally === undefined) tallies.set(key, { value, count: 1 });
  else tally.count++;
}

/** The value with the highest count; a tie goes to the first seen. */
function top(tallies: ReadonlyMap<string, Tally>): string | undefined {
  let best: Tally | undefined;
  for (const tally of tallies.values()) if (best === undefined || tally.count > best.count) best = tally;
  return best?.value;
}
