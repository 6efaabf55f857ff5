import type { Archive } from '@handshake/sdk';
import type { MessageThread } from './facebook-layout.js';
import { cleanName } from './facebook-person.js';
import { isRecord } from './json-record.js';
import type { ThreadParticipants } from './reading-context.js';
import { streamExportRecords } from './stream-export-records.js';

/**
 * Reads a thread's participants from its first part: the list comes before the messages, so only
 * the file's first bytes are read. Names are repaired and cleaned; a deleted or hidden participant
 * stays in the list as an empty name, since the group's size counts them.
 */
export async function readThreadParticipants(archive: Archive, thread: MessageThread): Promise<ThreadParticipants> {
  const first = thread.parts[0];
  if (!first) return { ok: false, where: thread.id, reason: 'a thread without message files' };
  const names: string[] = [];
  for await (const record of streamExportRecords(archive, first, {
    array: { path: ['participants'] },
    expected: '{"participants": [{name}]}',
  })) {
    if (!record.ok) return { ok: false, where: record.where, reason: record.reason };
    const name = isRecord(record.value) ? record.value.name : undefined;
    if (typeof name !== 'string') return { ok: false, where: record.where, reason: 'expected a participant {name}' };
    names.push(cleanName(name));
  }
  return { ok: true, names };
}
