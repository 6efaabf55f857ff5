import { type IdentityReport, parseInstant } from '@handshake/sdk';
import { accountFromAcct, accountReport, actorUriFromProfileUrl, type MastodonAccount } from '../accounts/mastodon-account.js';
import type { MastodonBoost } from '../statuses/boost-signals.js';
import type { MastodonStatus } from '../statuses/mastodon-status.js';
import { statusContent } from '../statuses/status-content.js';
import { apiVisibility } from '../statuses/status-visibility.js';
import type { AccountDirectory } from './account-directory.js';
import { apiHandle } from './api-account.js';
import { describe, isObject, type Json, list, localId, text, webUrl } from './api-json.js';

/** A `Status` of the REST API, read: a status, a boost (`reblog` set), or the reason it is neither. */
export type ApiStatusItem =
  | { readonly type: 'status'; readonly status: MastodonStatus; readonly identities: readonly IdentityReport[] }
  | { readonly type: 'boost'; readonly boost: MastodonBoost; readonly identities: readonly IdentityReport[] }
  | { readonly type: 'rejected'; readonly reason: string };

/** An instant normalized to UTC, with the text as given when it differs; or the reason it is not one. */
export function apiInstant(value: unknown, field: string): { readonly at: string; readonly rawAt?: string } | string {
  if (typeof value !== 'string') return `${field}: expected an ISO-8601 instant, received ${describe(value)}`;
  const parsed = parseInstant(value);
  if (parsed === undefined)
    return `${field}: expected an ISO-8601 instant such as 2022-11-08T16:33:11.000Z, received ${JSON.stringify(value)}`;
  return parsed.iso === value ? { at: parsed.iso } : { at: parsed.iso, rawAt: value };
}

/**
 * The instance-local ids a status names without giving the account: the accounts it mentions and the
 * one it answers (`mentions[].id`, `in_reply_to_account_id`), so a page's worth can be fetched at once.
 */
export function statusAccountIds(value: unknown): string[] {
  if (!isObject(value)) return [];
  const ids = list(value.mentions).flatMap((mention) => {
    const id = isObject(mention) ? localId(mention.id) : undefined;
    return id === undefined ? [] : [id];
  });
  const replyTo = localId(value.in_reply_to_account_id);
  if (replyTo !== undefined) ids.push(replyTo);
  return ids;
}

interface NamedAccount {
  readonly localId: string | undefined;
  readonly account: MastodonAccount;
  readonly report: IdentityReport;
}

/**
 * The account a mention names: the instance's own account object when it has one, which gives the
 * actor URI; else, for an account the instance no longer has, Mastodon's convention applied to the
 * mention's page (`https://host/@name`) or address.
 */
function mentionAccount(mention: Json, directory: AccountDirectory): NamedAccount | undefined {
  const id = localId(mention.id);
  const known = id === undefined ? undefined : directory.get(id);
  if (known !== undefined) return { localId: id, account: known.account, report: known.report };
  const acct = text(mention.acct) ?? text(mention.username);
  const handle = acct === undefined ? undefined : apiHandle(acct, directory.localDomain);
  const url = webUrl(mention.url);
  const uri =
    (url === undefined ? undefined : actorUriFromProfileUrl(url)) ?? (handle === undefined ? undefined : accountFromAcct(handle)?.id);
  if (uri === undefined) return undefined;
  const account = handle === undefined ? { id: uri } : { id: uri, handle };
  return { localId: id, account, report: accountReport(account) };
}

/**
 * Reads a `Status` into what the archive's outbox gives, so both yield the same signals and ids: the
 * author is `account.uri`; visibility comes as a field; hashtags are `tags[].name`; a reply's author
 * is `in_reply_to_account_id` read through the instance's accounts (the status author's own, a
 * mention, or one fetched); a status with `reblog` is a boost of the nested status by `account`.
 * Every account met is remembered in `directory`, so later statuses need no request for it.
 */
export function readApiStatus(value: unknown, directory: AccountDirectory): ApiStatusItem {
  if (!isObject(value)) return { type: 'rejected', reason: `expected a status object, received ${describe(value)}` };
  const author = directory.remember(value.account);
  if (typeof author === 'string') return { type: 'rejected', reason: `account: ${author}` };
  const created = apiInstant(value.created_at, 'created_at');
  if (typeof created === 'string') return { type: 'rejected', reason: created };
  const time = created.rawAt === undefined ? { at: created.at } : created;

  if (isObject(value.reblog)) {
    const boosted = webUrl(value.reblog.uri);
    if (boosted === undefined)
      return { type: 'rejected', reason: `reblog.uri: expected the boosted status's URI, received ${describe(value.reblog.uri)}` };
    const boostedAuthor = directory.remember(value.reblog.account);
    const known = typeof boostedAuthor === 'string' ? undefined : boostedAuthor;
    return {
      type: 'boost',
      boost: {
        author: author.account.id,
        ...time,
        boosted: known === undefined ? { uri: boosted } : { uri: boosted, author: known.account },
      },
      identities: [author.report, ...(known === undefined ? [] : [known.report])],
    };
  }

  const uri = webUrl(value.uri);
  if (uri === undefined) return { type: 'rejected', reason: `uri: expected the status's ActivityPub URI, received ${describe(value.uri)}` };
  const exclude = new Set<string>();
  const mentioned: NamedAccount[] = [];
  for (const mention of list(value.mentions)) {
    if (!isObject(mention)) continue;
    const url = webUrl(mention.url);
    if (url !== undefined) exclude.add(url);
    const named = mentionAccount(mention, directory);
    if (named !== undefined && !mentioned.some((other) => other.account.id === named.account.id)) mentioned.push(named);
  }
  const topics: string[] = [];
  for (const tag of list(value.tags)) {
    if (!isObject(tag)) continue;
    const url = webUrl(tag.url);
    if (url !== undefined) exclude.add(url);
    const topic = text(tag.name)?.replace(/^#/, '').toLowerCase();
    if (topic && !topics.includes(topic)) topics.push(topic);
  }
  const content = typeof value.content === 'string' ? statusContent(value.content, exclude) : { text: '', links: [] };
  const visibility = apiVisibility(value.visibility);
  const mentions = mentioned.map((named) => named.account);

  const replyTo = localId(value.in_reply_to_account_id);
  const isReply = replyTo !== undefined || localId(value.in_reply_to_id) !== undefined;
  const replyAccount =
    replyTo === undefined
      ? undefined
      : replyTo === author.localId
        ? author
        : (directory.get(replyTo) ?? mentioned.find((named) => named.localId === replyTo));
  const url = webUrl(value.url);
  const status: MastodonStatus = {
    uri,
    ...(url === undefined ? {} : { url }),
    author: author.account.id,
    ...time,
    visibility,
    text: content.text,
    links: content.links,
    topics,
    mentions,
    addressees: visibility === 'direct' ? mentions : [],
    ...(isReply ? { inReplyTo: replyAccount === undefined ? {} : { author: replyAccount.account.id } } : {}),
  };
  const identities = [author.report, ...mentioned.map((named) => named.report)];
  if (replyAccount !== undefined && !identities.some((report) => report.id === replyAccount.account.id))
    identities.push(replyAccount.report);
  return { type: 'status', status, identities };
}
