import { parseInstant } from '@handshake/sdk';
import { accountFromActorUri, accountFromMention, type MastodonAccount } from '../accounts/mastodon-account.js';
import type { MastodonBoost } from '../statuses/boost-signals.js';
import type { MastodonStatus } from '../statuses/mastodon-status.js';
import { statusAuthor } from '../statuses/status-author.js';
import { statusContent } from '../statuses/status-content.js';
import { isPublicAudience, statusVisibility } from '../statuses/status-visibility.js';
import type { ArchiveOwner } from './archive-owner.js';

/** One element of `outbox.json`'s `orderedItems`, read. */
export type OutboxItem =
  | { readonly type: 'status'; readonly status: MastodonStatus; readonly latest: number }
  | { readonly type: 'boost'; readonly boost: MastodonBoost; readonly latest: number }
  | { readonly type: 'rejected'; readonly reason: string }
  | { readonly type: 'skipped'; readonly reason: string };

/** Object types that are statuses: Mastodon writes `Note`, and `Question` for a poll. */
const STATUS_TYPES: ReadonlySet<string> = new Set(['Note', 'Question', 'Article', 'Page']);

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An id-valued property: a URI string, or an object with an `id` (or `href`). */
function idOf(value: unknown): string | undefined {
  if (isObject(value)) return nonEmpty(value.id) ?? nonEmpty(value.href);
  if (Array.isArray(value)) return value.map(idOf).find((id) => id !== undefined);
  return nonEmpty(value);
}

/** An audience property: ActivityStreams allows one value or an array. */
function addresses(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map(idOf).filter((address) => address !== undefined);
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** The published time, normalized to UTC, or the reason it cannot be. */
function instant(value: unknown, field: string): { at: string; rawAt?: string; time: number } | string {
  if (typeof value !== 'string') return `${field}: expected an ISO-8601 instant, received ${describe(value)}`;
  const parsed = parseInstant(value);
  if (parsed === undefined) return `${field}: expected an ISO-8601 instant such as 2022-11-08T16:33:11Z, received ${JSON.stringify(value)}`;
  return parsed.iso === value ? { at: parsed.iso, time: parsed.time } : { at: parsed.iso, rawAt: value, time: parsed.time };
}

/** The latest of an item's times (published, edited), so the archive's undated records get a date from its content. */
function latestOf(time: number, ...others: unknown[]): number {
  let latest = time;
  for (const other of others) {
    const parsed = typeof other === 'string' ? parseInstant(other) : undefined;
    if (parsed !== undefined && parsed.time > latest) latest = parsed.time;
  }
  return latest;
}

/** Whether an address is a followers collection: the owner's, or one named the way every server names it. */
function isFollowers(address: string, followers: ReadonlySet<string>): boolean {
  return followers.has(address) || address.endsWith('/followers');
}

/**
 * Reads one outbox element. A `Create` of a status becomes a status (its visibility from `to`/`cc`,
 * its reply author from the replied-to URI's shape); an `Announce` becomes a boost of the bare URI
 * it carries, its author taken from `cc`, where Mastodon addresses the boosted account.
 */
export function outboxItem(value: unknown, owner: ArchiveOwner): OutboxItem {
  if (!isObject(value)) return { type: 'rejected', reason: `expected an activity object, received ${describe(value)}` };
  const type = nonEmpty(value.type);
  if (type === 'Create') return createItem(value, owner);
  if (type === 'Announce') return announceItem(value, owner);
  if (type === undefined)
    return { type: 'rejected', reason: `type: expected an activity type such as "Create", received ${describe(value.type)}` };
  return { type: 'skipped', reason: `an activity of type ${type}: not a fact handshake reads` };
}

function createItem(activity: Json, owner: ArchiveOwner): OutboxItem {
  const object = activity.object;
  if (!isObject(object)) return { type: 'rejected', reason: `object: expected the created status, received ${describe(object)}` };
  const objectType = nonEmpty(object.type) ?? 'an untyped object';
  if (!STATUS_TYPES.has(objectType)) return { type: 'skipped', reason: `a Create of ${objectType}: not a status` };
  const uri = idOf(object.id);
  if (uri === undefined) return { type: 'rejected', reason: `object.id: expected the status URI, received ${describe(object.id)}` };
  const published = instant(object.published ?? activity.published, 'object.published');
  if (typeof published === 'string') return { type: 'rejected', reason: published };

  const author = idOf(object.attributedTo) ?? idOf(activity.actor) ?? owner.account.id;
  const mentions: MastodonAccount[] = [];
  const topics: string[] = [];
  const tagHrefs = new Set<string>();
  for (const tag of list(object.tag)) {
    if (!isObject(tag)) continue;
    const tagHref = nonEmpty(tag.href);
    if (tagHref !== undefined) tagHrefs.add(tagHref);
    if (tag.type === 'Mention' && tagHref !== undefined) mentions.push(accountFromMention(tagHref, nonEmpty(tag.name)));
    if (tag.type === 'Hashtag') {
      const topic = nonEmpty(tag.name)?.replace(/^#/, '').toLowerCase();
      if (topic && !topics.includes(topic)) topics.push(topic);
    }
  }
  const html =
    nonEmpty(object.content) ??
    (isObject(object.contentMap) ? Object.values(object.contentMap).find((text) => nonEmpty(text) !== undefined) : undefined);
  const content = typeof html === 'string' ? statusContent(html, tagHrefs) : { text: '', links: [] };

  const audience = { to: addresses(object.to ?? activity.to), cc: addresses(object.cc ?? activity.cc) };
  const followers = author === owner.account.id ? owner.followers : new Set([`${author}/followers`]);
  const visibility = statusVisibility(audience, followers);
  const addressees: MastodonAccount[] = [];
  if (visibility === 'direct') {
    const named = new Set(mentions.map((account) => account.id));
    addressees.push(...mentions);
    for (const address of [...audience.to, ...audience.cc]) {
      if (named.has(address) || address === author || isPublicAudience(address) || isFollowers(address, followers)) continue;
      named.add(address);
      addressees.push(accountFromActorUri(address));
    }
  }
  const replyUri = idOf(object.inReplyTo);
  const url = idOf(object.url);
  const status: MastodonStatus = {
    uri,
    ...(url === undefined ? {} : { url }),
    author,
    at: published.at,
    ...(published.rawAt === undefined ? {} : { rawAt: published.rawAt }),
    visibility,
    text: content.text,
    links: content.links,
    topics,
    mentions,
    addressees,
    ...(replyUri === undefined ? {} : { inReplyTo: inReplyTo(replyUri, [author, ...mentions.map((account) => account.id)]) }),
  };
  return { type: 'status', status, latest: latestOf(published.time, activity.published, object.updated) };
}

function inReplyTo(uri: string, knownActors: readonly string[]): { uri: string; author?: string } {
  const author = statusAuthor(uri, knownActors);
  return author === undefined ? { uri } : { uri, author };
}

function announceItem(activity: Json, owner: ArchiveOwner): OutboxItem {
  const boosted = idOf(activity.object);
  if (boosted === undefined)
    return { type: 'rejected', reason: `object: expected the boosted status's URI, received ${describe(activity.object)}` };
  const published = instant(activity.published, 'published');
  if (typeof published === 'string') return { type: 'rejected', reason: published };
  const booster = idOf(activity.actor) ?? owner.account.id;
  const followers = booster === owner.account.id ? owner.followers : new Set([`${booster}/followers`]);
  const candidates = [...new Set([...addresses(activity.cc), ...addresses(activity.to)])].filter(
    (address) => address !== booster && !isPublicAudience(address) && !isFollowers(address, followers),
  );
  // Mastodon addresses the boosted account in `cc`; failing one clear candidate, the URI's shape may say.
  const author = candidates.length === 1 ? candidates[0] : statusAuthor(boosted, candidates);
  const boost: MastodonBoost = {
    author: booster,
    at: published.at,
    ...(published.rawAt === undefined ? {} : { rawAt: published.rawAt }),
    boosted: author === undefined ? { uri: boosted } : { uri: boosted, author: accountFromActorUri(author) },
  };
  return { type: 'boost', boost, latest: published.time };
}
