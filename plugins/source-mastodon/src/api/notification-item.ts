import type { IdentityReport } from '@handshake/sdk';
import { followSignal } from '../accounts/follow-signal.js';
import { boostSignals } from '../statuses/boost-signals.js';
import { likeSignals } from '../statuses/like-signals.js';
import { type RecordSignals, statusSignals } from '../statuses/status-signals.js';
import type { AccountDirectory } from './account-directory.js';
import { describe, isObject, text, webUrl } from './api-json.js';
import { apiInstant, readApiStatus, statusAccountIds } from './api-status.js';

/** The notification types asked for: the acts of others toward the user. */
export const NOTIFICATION_TYPES = ['mention', 'favourite', 'reblog', 'follow'] as const;

/** What one notification yields, or the reason it is not a notification. */
export type NotificationItem = (RecordSignals & { readonly identities: readonly IdentityReport[] }) | { readonly rejected: string };

/** The instance-local ids a notification's status names without the account. */
export function notificationAccountIds(value: unknown): string[] {
  return isObject(value) ? statusAccountIds(value.status) : [];
}

/**
 * Reads a notification of the user's (`owner` is the user's actor URI). A mention is the mentioning
 * status itself, read as any status is (a reply, a mention, a direct message), so it has the ids that
 * reading its author's statuses gives; a favourite is a `like`, a reblog a `share`, a follow a `follow`,
 * each with the ids the other sources give the same fact, and dated by the notification, which is the
 * only place the REST API dates a like, a boost of the user's status or a follow. Other types
 * (polls, edits, follow requests, ...) are counted as skipped.
 */
export function readNotification(value: unknown, directory: AccountDirectory, owner: string): NotificationItem {
  if (!isObject(value)) return { rejected: `expected a notification object, received ${describe(value)}` };
  const type = text(value.type);
  if (type === undefined) return { rejected: `type: expected a notification type such as "mention", received ${describe(value.type)}` };
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type))
    return { signals: [], notes: [`a ${type} notification: not a fact handshake reads`], identities: [] };
  const actor = directory.remember(value.account);
  if (typeof actor === 'string') return { rejected: `account: ${actor}` };
  const created = apiInstant(value.created_at, 'created_at');
  if (typeof created === 'string') return { rejected: created };

  if (type === 'follow')
    return { signals: [followSignal(actor.account.id, owner, created.at, created.rawAt)], notes: [], identities: [actor.report] };

  if (type === 'mention') {
    const item = readApiStatus(value.status, directory);
    if (item.type === 'rejected') return { rejected: `status: ${item.reason}` };
    const result = item.type === 'status' ? statusSignals(item.status) : boostSignals(item.boost);
    return { ...result, identities: item.identities };
  }

  const status = isObject(value.status) ? value.status : undefined;
  const uri = webUrl(status?.uri);
  if (status === undefined || uri === undefined)
    return { rejected: `status.uri: expected the URI of the user's status, received ${describe(status?.uri)}` };
  const author = directory.remember(status.account);
  const known = typeof author === 'string' ? undefined : author.account;
  const result =
    type === 'favourite'
      ? likeSignals({ status: uri, author: known?.id, liker: actor.account.id, ...created })
      : boostSignals({ author: actor.account.id, ...created, boosted: known === undefined ? { uri } : { uri, author: known } });
  return { ...result, identities: [actor.report] };
}
