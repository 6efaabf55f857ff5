import { type ArchiveEntry, contentDigest, signalId } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord, records } from '../json-record.js';
import { postContent } from '../post-content.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';
import { attributeTitle } from '../title-attribution.js';
import { titleCounterpart } from './title-counterpart.js';

/**
 * Reads the owner's comments (`{"comments_v2": [...]}`, 2018 `{"comments": [...]}`): each is a
 * `comment` to the person whose post it was. Only the localized title says whose ("Ada commented
 * on Dan's post."); a comment on the owner's own post, or one whose title names nobody (another
 * language, "… commented on a post."), holds no tie and is skipped.
 */
export async function* readComments(context: ReadingContext, entry: ArchiveEntry): AsyncGenerator<RecordOutcome> {
  for await (const record of streamExportRecords(context.archive, entry, {
    array: { key: /^comments(?:_v\d+)?$/ },
    expected: '{"comments_v2": [...]}',
    onBytes: context.countBytes,
  })) {
    if (!record.ok) {
      yield { rejected: [{ where: record.where, reason: record.reason }] };
      continue;
    }
    const { value, where } = record;
    if (!isRecord(value)) {
      yield { rejected: [{ where, reason: `expected a comment {timestamp, data, title}, received ${describeValue(value)}` }] };
      continue;
    }
    const comment = records(value.data)
      .map((item) => item.comment)
      .find(isRecord);
    const instant = facebookInstant(value.timestamp ?? comment?.timestamp, 'seconds');
    if (typeof instant === 'string') {
      yield { rejected: [{ where, reason: `timestamp: ${instant}` }] };
      continue;
    }
    const counterpart = titleCounterpart(context, attributeTitle(value.title), value.title);
    if (!counterpart.ok) {
      yield { skipped: [{ where, reason: counterpart.reason }] };
      continue;
    }
    const text = typeof comment?.comment === 'string' ? comment.comment : undefined;
    const group = typeof comment?.group === 'string' ? comment.group : undefined;
    const content = postContent(text, value.attachments);
    yield {
      signals: [
        {
          id: signalId(FACEBOOK, `comment:${contentDigest(instant.rawAt, content.text, group)}`),
          network: FACEBOOK,
          kind: 'comment',
          actor: context.owner,
          subject: counterpart.ref,
          at: instant.at,
          rawAt: instant.rawAt,
          ...(Object.keys(content).length > 0 ? { object: content } : {}),
        },
      ],
    };
  }
}
