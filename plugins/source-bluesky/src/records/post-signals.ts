import { type IdentityRef, personalSiteIdentity, type Signal, type SignalObject, signalId } from '@handshake/sdk';
import { BLUESKY, blueskyIdentity } from '../bluesky-identity.js';
import { parseRecordUri, type RecordUri } from '../syntax/at-uri.js';
import { postWebUrl } from './post-web-url.js';
import { readFacets } from './read-facets.js';
import type { RecordOutcome } from './record-signals.js';
import { recordTime } from './record-time.js';

/**
 * What the AppView shows of the post a reply answers: the post, or `#notFoundPost` (deleted) or
 * `#blockedPost` (a block stands between the two). A repository does not say, and a reply counts there.
 */
export type ReplyParentState = 'visible' | 'not-found' | 'blocked';

export interface PostInput {
  readonly uri: RecordUri;
  readonly value: Record<string, unknown>;
  readonly replyParent?: ReplyParentState;
}

const POST = 'app.bsky.feed.post';
const EMBED_RECORD = 'app.bsky.embed.record';
const EMBED_RECORD_WITH_MEDIA = 'app.bsky.embed.recordWithMedia';
const EMBED_EXTERNAL = 'app.bsky.embed.external';
/** Handles under these hosts are accounts, not the sites of the people who hold them. */
const HANDLE_HOSTS = ['bsky.social'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unique(values: readonly string[], key: (value: string) => string = (value) => value): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
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

/** The link card's address (`app.bsky.embed.external`), alone or beside a quote. */
function externalLink(embed: Record<string, unknown>): string | undefined {
  const media = embed.$type === EMBED_RECORD_WITH_MEDIA && isObject(embed.media) ? embed.media : embed;
  if (media.$type !== EMBED_EXTERNAL || !isObject(media.external)) return undefined;
  const uri = media.external.uri;
  return typeof uri === 'string' && URL.canParse(uri) ? uri : undefined;
}

/** The post a quote embeds (`app.bsky.embed.record`, or the record half of `recordWithMedia`). */
function quotedPost(embed: Record<string, unknown>): RecordUri | undefined {
  const record =
    embed.$type === EMBED_RECORD
      ? embed.record
      : embed.$type === EMBED_RECORD_WITH_MEDIA && isObject(embed.record)
        ? embed.record.record
        : undefined;
  const uri = parseRecordUri(isObject(record) ? record.uri : undefined);
  return uri?.collection === POST ? uri : undefined;
}

function isHandleHost(link: string): boolean {
  const host = new URL(link).hostname.toLowerCase();
  return HANDLE_HOSTS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * The signals of one post: a `post` (text, topics from tag facets and `tags`, links from link facets and the
 * link card), a `reply` to the author of the post it answers, a `share` of the post it quotes, a `mention` of
 * each account its facets name, and a `link` to each personal site it links. A mention of the author being
 * answered is the reply's addressing and is not counted twice. Legacy `entities` (before facets) are not read.
 */
export function postSignals(input: PostInput): RecordOutcome {
  const { uri, value } = input;
  const notes: string[] = [];
  if (typeof value.text !== 'string') return { signals: [], notes, rejected: 'text: expected a string' };
  const time = recordTime(value.createdAt, uri.rkey);
  if (time.at === undefined) return { signals: [], notes, rejected: time.error };
  const author = blueskyIdentity(uri.authority);
  const url = postWebUrl(uri);
  const text = value.text;
  const facets = readFacets(text, value.facets);
  notes.push(...facets.problems);
  if (Array.isArray(value.entities) && value.entities.length > 0) {
    notes.push(`legacy entities (before facets): ${value.entities.length} mention or link entities not read`);
  }
  const embed = isObject(value.embed) ? value.embed : undefined;
  const external = embed ? externalLink(embed) : undefined;
  const links = unique([...facets.spans.flatMap((span) => span.links), ...(external === undefined ? [] : [external])]);
  const recordTags = Array.isArray(value.tags) ? value.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const topics = unique(
    [...facets.spans.flatMap((span) => span.tags), ...recordTags.map((tag) => tag.replace(/^#/, '').trim())].filter((tag) => tag !== ''),
    (tag) => tag.toLowerCase(),
  );
  const base = { network: BLUESKY, actor: author, ...time };
  const signals: Signal[] = [
    { ...base, id: signalId(BLUESKY, uri.uri), kind: 'post', subject: author, object: compact({ url, text, topics, links }) },
  ];

  let answered: string | undefined;
  if (value.reply !== undefined) {
    const parent = parseRecordUri(isObject(value.reply) && isObject(value.reply.parent) ? value.reply.parent.uri : undefined);
    if (parent === undefined) notes.push('reply.parent.uri: expected the AT-URI of a post; counted as a post only');
    else if (input.replyParent === 'not-found') notes.push(`reply to ${parent.uri}: that post was deleted; counted as a post only`);
    else if (input.replyParent === 'blocked') notes.push(`reply to ${parent.uri}: a block hides that post; counted as a post only`);
    else if (parent.authority !== uri.authority) {
      answered = parent.authority;
      signals.push({
        ...base,
        id: signalId(BLUESKY, uri.uri, 'reply'),
        kind: 'reply',
        subject: blueskyIdentity(answered),
        object: compact({ url, text }),
      });
    }
  }

  const quoted = embed ? quotedPost(embed) : undefined;
  if (quoted !== undefined && quoted.authority !== uri.authority) {
    signals.push({
      ...base,
      id: signalId(BLUESKY, uri.uri, 'quote'),
      kind: 'share',
      subject: blueskyIdentity(quoted.authority),
      object: compact({ url: postWebUrl(quoted), text }),
    });
  }

  const mentioned = unique(facets.spans.flatMap((span) => span.mentions)).filter((did) => did !== uri.authority && did !== answered);
  for (const did of mentioned) {
    signals.push({
      ...base,
      id: signalId(BLUESKY, uri.uri, `mention:${did}`),
      kind: 'mention',
      subject: blueskyIdentity(did),
      ...(url ? { object: { url } } : {}),
    });
  }

  const sites = new Map<string, { site: IdentityRef; link: string }>();
  for (const link of links) {
    const site = personalSiteIdentity(link);
    if (site === undefined || isHandleHost(link) || sites.has(site.id)) continue;
    sites.set(site.id, { site, link });
  }
  for (const { site, link } of sites.values()) {
    signals.push({ ...base, id: signalId(BLUESKY, uri.uri, `link:${site.id}`), kind: 'link', subject: site, object: { url: link } });
  }
  return { signals, notes };
}
