import { type Signal, type SignalObject, signalId } from '@handshake/sdk';
import { hostOf, MASTODON_NETWORK, type MastodonAccount, mastodonIdentity } from '../accounts/mastodon-account.js';
import type { MastodonStatus } from './mastodon-status.js';
import { personalSiteLink } from './personal-site-link.js';

/**
 * A direct status to more people than this is a broadcast, not a conversation: it says nothing
 * about the author's relationship with any one of them.
 */
export const MAX_CONVERSATION_PARTICIPANTS = 25;

/** The signals a record yields, and notes on what it held that could not become one. */
export interface RecordSignals {
  readonly signals: Signal[];
  /** Each note becomes a `skipped` entry: a fact the record holds but handshake cannot use. */
  readonly notes: string[];
}

function uniqueAccounts(accounts: readonly MastodonAccount[], except: ReadonlySet<string>): MastodonAccount[] {
  const seen = new Set(except);
  return accounts.filter((account) => {
    if (seen.has(account.id)) return false;
    seen.add(account.id);
    return true;
  });
}

function compact(object: SignalObject): SignalObject {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    result[key] = value;
  }
  return result as SignalObject;
}

/**
 * The signals of one status. A direct status is a `message` to each addressee and nothing else:
 * it is not a post, and its mentions are its addressing. Any other status is a `post` (with text,
 * topics and links), a `reply` to the author it answers, a `mention` of each other account it
 * names, and a `link` to each personal site it links. A reply's mention of the author it answers is
 * the reply's addressing (Mastodon inserts it), so it is not counted again as a mention.
 */
export function statusSignals(status: MastodonStatus): RecordSignals {
  const signals: Signal[] = [];
  const notes: string[] = [];
  const author = mastodonIdentity(status.author);
  const base = { network: MASTODON_NETWORK, actor: author, at: status.at, ...(status.rawAt === undefined ? {} : { rawAt: status.rawAt }) };
  const url = status.url ?? status.uri;

  if (status.visibility === 'direct') {
    const others = uniqueAccounts(status.addressees, new Set([status.author]));
    const participants = others.length + 1;
    if (others.length === 0) notes.push('a direct status addressed to nobody but its author: no relationship in it');
    else if (participants > MAX_CONVERSATION_PARTICIPANTS)
      notes.push(
        `a direct status among ${participants} people: a broadcast, not a conversation (more than ${MAX_CONVERSATION_PARTICIPANTS})`,
      );
    else
      for (const other of others)
        signals.push({
          ...base,
          id: signalId(MASTODON_NETWORK, status.uri, `message:${other.id}`),
          kind: 'message',
          subject: mastodonIdentity(other.id),
          object: { url, participants },
        });
    return { signals, notes };
  }

  signals.push({
    ...base,
    id: signalId(MASTODON_NETWORK, status.uri),
    kind: 'post',
    subject: author,
    object: compact({ url, text: status.text, topics: status.topics, links: status.links }),
  });

  const replyAuthor = status.inReplyTo?.author;
  if (status.inReplyTo !== undefined) {
    if (replyAuthor === undefined)
      notes.push(
        status.inReplyTo.uri === undefined
          ? 'a reply whose author is unknown: counted as a post only'
          : `reply to ${status.inReplyTo.uri}: its author is unknown (not a Mastodon status URI), counted as a post only`,
      );
    else if (replyAuthor !== status.author)
      signals.push({
        ...base,
        id: signalId(MASTODON_NETWORK, status.uri, 'reply'),
        kind: 'reply',
        subject: mastodonIdentity(replyAuthor),
        object: compact({ url, text: status.text }),
      });
  }

  const mentioned = uniqueAccounts(status.mentions, new Set([status.author, ...(replyAuthor === undefined ? [] : [replyAuthor])]));
  for (const account of mentioned)
    signals.push({
      ...base,
      id: signalId(MASTODON_NETWORK, status.uri, `mention:${account.id}`),
      kind: 'mention',
      subject: mastodonIdentity(account.id),
      object: { url },
    });

  const serverHosts = new Set(
    [status.author, url, ...status.mentions.map((account) => account.id), status.inReplyTo?.uri, replyAuthor]
      .filter((address) => address !== undefined)
      .map(hostOf)
      .filter((host) => host !== undefined),
  );
  const sites = new Set<string>();
  for (const link of status.links) {
    const site = personalSiteLink(link, serverHosts);
    if (site === undefined || sites.has(site.id)) continue;
    sites.add(site.id);
    signals.push({
      ...base,
      id: signalId(MASTODON_NETWORK, status.uri, `link:${site.id}`),
      kind: 'link',
      subject: site,
      object: { url: link },
    });
  }
  return { signals, notes };
}
