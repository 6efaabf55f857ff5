import { type ArchiveEntry, contentDigest, signalId } from '@handshake/sdk';
import { facebookInstant } from '../facebook-instant.js';
import { FACEBOOK } from '../facebook-person.js';
import { describeValue, isRecord, records } from '../json-record.js';
import type { ReadingContext, RecordOutcome } from '../reading-context.js';
import { streamExportRecords } from '../stream-export-records.js';
import { attributeTitle } from '../title-attribution.js';
import { titleCounterpart } from './title-counterpart.js';

/** A `label_values` entry of the newer generic records: `{label: "Name", value: "Dan"}`. */
function labelValue(record: Record<string, unknown>, label: string): string | undefined {
  for (const item of records(record.label_values)) {
    if (typeof item.label === 'string' && item.label.toLowerCase() === label && typeof item.value === 'string') return item.value;
  }
  return undefined;
}

/**
 * Reads the owner's reactions: `{"reactions_v2": [...]}` (2018 `reactions`) with a title ("Ada
 * likes Dan's post."), or 2024's generic records whose `label_values` give the reaction, the URL
 * and a `Name`. Each is a `like` to the post's author. The title wins when there is one; a
 * generic record's `Name` is taken as the author (unverified against a real 2024 file). The id
 * is built from the time and the author, so the same reaction listed in both forms counts once.
 */
export async function* readReactions(context: ReadingContext, entry: ArchiveEntry): AsyncGenerator<RecordOutcome> {
  for await (const record of streamExportRecords(context.archive, entry, {
    array: { key: /^reactions(?:_v\d+)?$/ },
    expected: '{"reactions_v2": [...]} or a list of reactions',
    onBytes: context.countBytes,
  })) {
    if (!record.ok) {
      yield { rejected: [{ where: record.where, reason: record.reason }] };
      continue;
    }
    const { value, where } = record;
    if (!isRecord(value)) {
      yield { rejected: [{ where, reason: `expected a reaction {timestamp, data, title}, received ${describeValue(value)}` }] };
      continue;
    }
    const instant = facebookInstant(value.timestamp, 'seconds');
    if (typeof instant === 'string') {
      yield { rejected: [{ where, reason: `timestamp: ${instant}` }] };
      continue;
    }
    const attribution = attributeTitle(value.title);
    const named = labelValue(value, 'name');
    const counterpart =
      attribution === undefined && named !== undefined
        ? titleCounterpart(context, { action: 'reaction', actor: '', counterpart: named, own: false }, value.title)
        : titleCounterpart(context, attribution, value.title);
    if (!counterpart.ok) {
      yield { skipped: [{ where, reason: counterpart.reason }] };
      continue;
    }
    const url = labelValue(value, 'url');
    yield {
      signals: [
        {
          id: signalId(FACEBOOK, `reaction:${contentDigest(instant.rawAt, counterpart.ref.id)}`),
          network: FACEBOOK,
          kind: 'like',
          actor: context.owner,
          subject: counterpart.ref,
          at: instant.at,
          rawAt: instant.rawAt,
          ...(url && /^https?:\/\//i.test(url) ? { object: { url } } : {}),
        },
      ],
    };
  }
}
