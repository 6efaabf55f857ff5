import { type IdentityReport, personalSiteIdentity, relationSignalId, type Signal, signalId } from '@handshake/sdk';
import { BLUESKY, blueskyIdentity, profileWebUrl } from '../bluesky-identity.js';
import { parseRecordUri, type RecordUri } from '../syntax/at-uri.js';
import { isDid } from '../syntax/did.js';
import { postSignals, type ReplyParentState } from './post-signals.js';
import { postWebUrl } from './post-web-url.js';
import { recordTime } from './record-time.js';

/** Record types of the 2022–2023 protocol, still in old repositories: they carry no fact read today. */
export const LEGACY_COLLECTIONS: ReadonlySet<string> = new Set([
  'app.bsky.feed.vote',
  'app.bsky.graph.assertion',
  'app.bsky.graph.confirmation',
  'app.bsky.system.declaration',
]);

/** Why a legacy record yields nothing, with its type, for the skipped count. */
export function legacyRecordNote(collection: string): string {
  return `legacy record type ${collection}: no fact read from it`;
}

/** One record of a repository, as the repository or the AppView gives it. */
export interface RecordInput {
  /** Its AT-URI; the authority is the DID of the account that wrote it. */
  readonly uri: RecordUri;
  readonly value: unknown;
  /** For a post: what the AppView says of the post it answers. A repository does not say. */
  readonly replyParent?: ReplyParentState;
}

/** What one record yields: signals, what it says of its author, and what could not be used. */
export interface RecordOutcome {
  readonly signals: Signal[];
  /** The author's profile (`app.bsky.actor.profile`). */
  readonly identity?: IdentityReport;
  /** Facts the record holds that handshake cannot use: each becomes a `skipped` entry. */
  readonly notes: string[];
  /** Why the whole record was refused. */
  readonly rejected?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nothing = (note: string): RecordOutcome => ({ signals: [], notes: [note] });
const refused = (reason: string): RecordOutcome => ({ signals: [], notes: [], rejected: reason });

/**
 * The signals of one record. Each record is accounted for once: it yields signals or a profile, or it is
 * skipped with a note, or rejected with a reason. Ids: a follow is known by who follows whom (the AppView's
 * follow lists carry no record URI, and both kinds must agree); every other record by its AT-URI.
 */
export function recordSignals(input: RecordInput): RecordOutcome {
  const { uri, value } = input;
  const collection = uri.collection;
  if (LEGACY_COLLECTIONS.has(collection)) return nothing(legacyRecordNote(collection));
  if (!isObject(value)) return refused(`expected a record object`);
  const type = value.$type;
  if (type !== undefined && type !== collection) return refused(`$type ${JSON.stringify(type)} in collection ${collection}`);
  const author = blueskyIdentity(uri.authority);
  switch (collection) {
    case 'app.bsky.feed.post':
      return postSignals({ uri, value, ...(input.replyParent ? { replyParent: input.replyParent } : {}) });
    case 'app.bsky.graph.follow':
    case 'app.bsky.graph.block': {
      const kind = collection === 'app.bsky.graph.follow' ? 'follow' : 'block';
      if (!isDid(value.subject)) return refused(`subject: expected a DID, received ${JSON.stringify(value.subject)}`);
      if (value.subject === uri.authority) return nothing(`a ${kind} of the author's own account`);
      const time = recordTime(value.createdAt, uri.rkey);
      if (time.at === undefined) return refused(time.error);
      const subject = blueskyIdentity(value.subject);
      const id = kind === 'follow' ? relationSignalId(BLUESKY, 'follow', author, subject) : signalId(BLUESKY, uri.uri);
      return { signals: [{ id, network: BLUESKY, kind, actor: author, subject, ...time }], notes: [] };
    }
    case 'app.bsky.feed.like':
    case 'app.bsky.feed.repost': {
      const kind = collection === 'app.bsky.feed.like' ? 'like' : 'share';
      const subjectUri = parseRecordUri(isObject(value.subject) ? value.subject.uri : undefined);
      if (subjectUri === undefined) return refused('subject.uri: expected the AT-URI of a record');
      if (subjectUri.authority === uri.authority) return nothing(`a ${kind === 'like' ? 'like' : 'repost'} of the author's own record`);
      const time = recordTime(value.createdAt, uri.rkey);
      if (time.at === undefined) return refused(time.error);
      const url = postWebUrl(subjectUri);
      return {
        signals: [
          {
            id: signalId(BLUESKY, uri.uri),
            network: BLUESKY,
            kind,
            actor: author,
            subject: blueskyIdentity(subjectUri.authority),
            ...time,
            ...(url === undefined ? {} : { object: { url } }),
          },
        ],
        notes: [],
      };
    }
    case 'app.bsky.actor.profile': {
      if (uri.rkey !== 'self') return nothing(`a profile record with key ${uri.rkey}, not self`);
      const displayName = typeof value.displayName === 'string' ? value.displayName.trim() : '';
      const site = typeof value.website === 'string' ? personalSiteIdentity(value.website) : undefined;
      const identity: IdentityReport = {
        ...author,
        url: profileWebUrl(uri.authority),
        ...(displayName === '' ? {} : { displayName }),
        ...(site === undefined ? {} : { links: [{ to: site, evidence: 'same-site' as const }] }),
      };
      return { signals: [], identity, notes: [] };
    }
    default:
      return nothing(`${collection}: no relationship fact in this record type`);
  }
}
