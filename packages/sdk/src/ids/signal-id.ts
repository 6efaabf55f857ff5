import { createHash } from 'node:crypto';
import type { IdentityRef } from '../model/identity.js';
import type { SignalKind } from '../model/signal.js';

/**
 * The id of a signal that the platform itself identifies (a status, a message, an event):
 * `network:key`, such as `mastodon:https://a.example/users/ada/statuses/1`. When the platform
 * reports one fact as several signals (a reply that also mentions), pass a `part` to keep them apart.
 */
export function signalId(network: string, key: string, part?: string): string {
  return part === undefined ? `${network}:${key}` : `${network}:${key}#${part}`;
}

/**
 * The id of a fact the platform gives no id of its own (a follow in a follower list, a
 * connection): built from what makes it unique, so a re-import yields the same id.
 */
export function relationSignalId(network: string, kind: SignalKind, actor: IdentityRef, subject: IdentityRef, qualifier?: string): string {
  const base = `${network}:${kind}:${actor.id}>${subject.id}`;
  return qualifier === undefined ? base : `${base}@${qualifier}`;
}

/** A short, stable digest of some parts, for ids built from content (a CSV row with no key). */
export function contentDigest(...parts: readonly (string | number | undefined)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part === undefined ? '\u0000' : String(part));
    hash.update('\u001f');
  }
  return hash.digest('base64url').slice(0, 22);
}
