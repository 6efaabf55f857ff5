import { type ArchiveEntry, contentDigest, signalId } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord } from '../json-record.js';
import { postContent, postText } from '../post-content.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';
import { attributeTitle } from '../title-attribution.js';

/**
 * Reads what other people wrote on the owner's timeline (`other_people's_posts_to_your_timeline.json`):
 * each is a `comment` from its author to the owner. The author is named only by the title
 * ("Dan wrote on Ada's timeline."), so a title in another language leaves it unknown: skipped.
 */
export async function* readTimelinePosts(context: ReadingContext, entry: ArchiveEntry): AsyncGenerator<RecordOutcome> {
  for await (const record of streamExportRecords(context.archive, entry, {
    array: { key: /^wall_posts_sent_to_you(?:_v\d+)?$/ },
    expected: '{"wall_posts_sent_to_you": [...]}',
    onBytes: context.countBytes,
  })) {
    if (!record.ok) {
      yield { rejected: [{ where: record.where, reason: record.reason }] };
      continue;
    }
    const { value, where } = record;
    if (!isRecord(value)) {
      yield { rejected: [{ where, reason: `expected a post {timestamp, data, title}, received ${describeValue(value)}` }] };
      continue;
    }
    const instant = facebookInstant(value.timestamp, 'seconds');
    if (typeof instant === 'string') {
      yield { rejected: [{ where, reason: `timestamp: ${instant}` }] };
      continue;
    }
    const attribution = attributeTitle(value.title);
    const author = attribution?.action === 'timeline' ? context.person(attribution.actor) : undefined;
    if (!author?.ok) {
      const reason = author ? `author: ${author.reason}` : `the title does not say who wrote it (${JSON.stringify(value.title ?? null)})`;
      yield { skipped: [{ where, reason }] };
      continue;
    }
    if (context.isOwner(author.ref)) {
      yield { skipped: [{ where, reason: "the owner's own post" }] };
      continue;
    }
    const content = postContent(postText(value.data), value.attachments);
    yield {
      signals: [
        {
          id: signalId(FACEBOOK, `timeline-post:${contentDigest(instant.rawAt, author.name, content.text)}`),
          network: FACEBOOK,
          kind: 'comment',
          actor: author.ref,
          subject: context.owner,
          at: instant.at,
          rawAt: instant.rawAt,
          ...(Object.keys(content).length > 0 ? { object: content } : {}),
        },
      ],
    };
  }
}
