import type { Archive, ArchiveEntry, Rejection } from '@handshake/sdk';
import type { FacebookLayout, MessageThread } from './facebook-layout.js';
import { facebookPerson } from './facebook-person.js';
import { isRecord, records } from './json-record.js';
import type { ThreadParticipants } from './reading-context.js';
import { repairMojibakeDeep } from './repair-mojibake.js';
import { streamExportRecords } from './stream-export-records.js';
import { readThreadParticipants } from './thread-participants.js';

/** Who the export's owner is, as far as the export (or the config) says. */
export interface OwnerNames {
  /** Every form of the owner's name met, cleaned: messages and titles name the owner like anyone else. */
  readonly names: ReadonlySet<string>;
  /** The name to show for the owner. */
  readonly displayName?: string;
  /** Where the names came from, for the log. */
  readonly from: readonly string[];
  /** Each thread's participants, read once here and used again when the thread is read. */
  readonly participants: ReadonlyMap<MessageThread, ThreadParticipants>;
  /** A profile file that could not be read. */
  readonly rejected: readonly Rejection[];
}

/** A profile larger than this is not a profile: it is left alone rather than read whole. */
const PROFILE_LIMIT = 8 * 1024 * 1024;

/**
 * Finds the owner's name, which the export never marks as such: the `ownerName` option, the
 * profile file (`profile_v2.name.full_name`, 2018 `profile.name.full_name`), the author of the
 * owner's first comment and the actor of their first reaction. When none of those names is a
 * participant of any message thread, the one name found in more threads than any other is taken
 * as the owner's form of name in messages (every thread of an inbox includes its owner).
 */
export async function resolveOwnerNames(archive: Archive, layout: FacebookLayout, configured: string | undefined): Promise<OwnerNames> {
  const names = new Set<string>();
  const from: string[] = [];
  const rejected: Rejection[] = [];
  let displayName: string | undefined;
  const add = (raw: unknown, source: string) => {
    const person = facebookPerson(raw);
    if (!person.ok) return;
    displayName ??= person.name;
    if (!names.has(person.name)) from.push(source);
    names.add(person.name);
  };

  add(configured, 'ownerName option');
  if (layout.profile) {
    const profile = await readProfile(archive, layout.profile);
    if (typeof profile === 'string') rejected.push({ where: archive.describe(layout.profile), reason: profile });
    else for (const name of profile) add(name, 'profile');
  }
  const comment = await firstRecord(archive, layout.comments[0], /^comments(?:_v\d+)?$/);
  add(firstData(comment, 'comment')?.author, 'comments');
  const reaction = await firstRecord(archive, layout.reactions[0], /^reactions(?:_v\d+)?$/);
  add(firstData(reaction, 'reaction')?.actor, 'reactions');

  const participants = new Map<MessageThread, ThreadParticipants>();
  const threadsOf = new Map<string, number>();
  for (const thread of layout.threads) {
    const read = await readThreadParticipants(archive, thread);
    participants.set(thread, read);
    if (!read.ok) continue;
    for (const name of new Set(read.names)) if (name !== '') threadsOf.set(name, (threadsOf.get(name) ?? 0) + 1);
  }
  if (threadsOf.size > 0 && ![...names].some((name) => threadsOf.has(name))) {
    const ranked = [...threadsOf.entries()].sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    if (best && (!second || best[1] > second[1])) add(best[0], 'message participants');
  }
  return { names, ...(displayName === undefined ? {} : { displayName }), from, participants, rejected };
}

/** The owner's full name, and first plus last name when they differ, or why the file could not be read. */
async function readProfile(archive: Archive, entry: ArchiveEntry): Promise<string[] | string> {
  if (entry.size > PROFILE_LIMIT) return `a profile of ${entry.size} bytes is too large to be one`;
  let value: unknown;
  try {
    value = repairMojibakeDeep(JSON.parse(await archive.readText(entry)));
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const profile = isRecord(value) ? (value.profile_v2 ?? value.profile) : undefined;
  const name = isRecord(profile) ? profile.name : undefined;
  if (typeof name === 'string') return [name];
  if (!isRecord(name)) return 'expected {"profile_v2": {"name": {"full_name": ...}}}';
  const found: string[] = [];
  if (typeof name.full_name === 'string') found.push(name.full_name);
  if (typeof name.first_name === 'string' && typeof name.last_name === 'string') found.push(`${name.first_name} ${name.last_name}`);
  return found;
}

async function firstRecord(archive: Archive, entry: ArchiveEntry | undefined, key: RegExp): Promise<unknown> {
  if (!entry) return undefined;
  for await (const record of streamExportRecords(archive, entry, { array: { key }, expected: 'a list' })) {
    if (record.ok) return record.value;
  }
  return undefined;
}

/** `record.data[].<field>`, the first one that is an object. */
function firstData(record: unknown, field: string): Record<string, unknown> | undefined {
  if (!isRecord(record)) return undefined;
  return records(record.data)
    .map((item) => item[field])
    .find(isRecord);
}
