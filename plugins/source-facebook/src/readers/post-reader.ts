import { type ArchiveEntry, contentDigest, type IdentityRef, type Signal, type SignalKind, signalId } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord, records } from '../json-record.js';
import { postContent, postText } from '../post-content.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';
import { attributeTitle } from '../title-attribution.js';

/**
 * Reads the owner's posts (`your_posts_1.json`; 2018's `{"status_updates": [...]}`). A post is a
 * `post` of the owner's with its text, links and hashtags, except where its title says it went to
 * someone: "Ada wrote on Dan's timeline." is a `comment` to Dan (it sits in Dan's space, like a
 * comment under his post), "Ada shared Dan's post." a `share` of Dan's. Tagged people are
 * `mention`s; comments others left on the post's photos are `comment`s toward the owner.
 */
export async function* readPosts(context: ReadingContext, entry: ArchiveEntry): AsyncGenerator<RecordOutcome> {
  for await (const record of streamExportRecords(context.archive, entry, {
    array: { key: /^status_updates(?:_v\d+)?$/ },
    expected: 'a list of posts',
    onBytes: context.countBytes,
  })) {
    if (!record.ok) yield { rejected: [{ where: record.where, reason: record.reason }] };
    else yield postOutcome(context, record.value, record.where);
  }
}

function postOutcome(context: ReadingContext, value: unknown, where: string): RecordOutcome {
  if (!isRecord(value))
    return { rejected: [{ where, reason: `expected a post {timestamp, data, attachments, title}, received ${describeValue(value)}` }] };
  const instant = facebookInstant(value.timestamp, 'seconds');
  if (typeof instant === 'string') return { rejected: [{ where, reason: `timestamp: ${instant}` }] };
  const content = postContent(postText(value.data), value.attachments);
  const key = `post:${contentDigest(instant.rawAt, content.text, content.links?.join(' '))}`;
  const attribution = attributeTitle(value.title);
  let kind: SignalKind = 'post';
  let subject: IdentityRef = context.owner;
  let part: string | undefined;
  if (attribution?.counterpart && !attribution.own && (attribution.action === 'timeline' || attribution.action === 'share')) {
    const counterpart = context.person(attribution.counterpart);
    if (counterpart.ok && !context.isOwner(counterpart.ref)) {
      kind = attribution.action === 'timeline' ? 'comment' : 'share';
      subject = counterpart.ref;
      part = attribution.action;
    }
  }
  const signals: Signal[] = [
    {
      id: signalId(FACEBOOK, key, part),
      network: FACEBOOK,
      kind,
      actor: context.owner,
      subject,
      at: instant.at,
      rawAt: instant.rawAt,
      ...(Object.keys(content).length > 0 ? { object: content } : {}),
    },
  ];
  const tagged = new Set<string>();
  for (const tag of Array.isArray(value.tags) ? value.tags : []) {
    const person = context.person(isRecord(tag) ? tag.name : tag);
    if (!person.ok || context.isOwner(person.ref) || tagged.has(person.ref.id)) continue;
    tagged.add(person.ref.id);
    signals.push({
      id: signalId(FACEBOOK, key, `mention:${person.ref.id}`),
      network: FACEBOOK,
      kind: 'mention',
      actor: context.owner,
      subject: person.ref,
      at: instant.at,
      rawAt: instant.rawAt,
    });
  }
  signals.push(...mediaComments(context, value.attachments));
  return { signals };
}

/**
 * Comments others wrote on the post's photos and videos (2018 `media.comments`). Only when the
 * export names its owner: otherwise the owner's own replies could not be told from a friend's.
 */
function mediaComments(context: ReadingContext, attachments: unknown): Signal[] {
  if (!context.ownerKnown) return [];
  const signals: Signal[] = [];
  for (const attachment of records(attachments)) {
    for (const item of records(attachment.data)) {
      const media = item.media;
      if (!isRecord(media)) continue;
      for (const comment of records(media.comments)) {
        const author = context.person(comment.author);
        const instant = facebookInstant(comment.timestamp, 'seconds');
        if (!author.ok || context.isOwner(author.ref) || typeof instant === 'string') continue;
        const content = postContent(typeof comment.comment === 'string' ? comment.comment : undefined);
        signals.push({
          id: signalId(FACEBOOK, `media-comment:${contentDigest(instant.rawAt, author.name, content.text)}`),
          network: FACEBOOK,
          kind: 'comment',
          actor: author.ref,
          subject: context.owner,
          at: instant.at,
          rawAt: instant.rawAt,
          ...(Object.keys(content).length > 0 ? { object: content } : {}),
        });
      }
    }
  }
  return signals;
}
