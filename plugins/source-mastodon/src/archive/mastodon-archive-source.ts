import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  type Archive,
  type ArchiveEntry,
  ArchiveError,
  filePath,
  injectable,
  openArchive,
  pathEndsWith,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
  streamJsonArray,
  z,
} from '@handshake/sdk';
import { followSignal } from '../accounts/follow-signal.js';
import { accountFromActorUri, accountReport } from '../accounts/mastodon-account.js';
import { boostSignals } from '../statuses/boost-signals.js';
import { likeSignals } from '../statuses/like-signals.js';
import { statusAuthor } from '../statuses/status-author.js';
import { type RecordSignals, statusSignals } from '../statuses/status-signals.js';
import { formatArchiveCursor, parseArchiveCursor } from './archive-cursor.js';
import { type ArchiveOwner, archiveOwner } from './archive-owner.js';
import { BatchCollector, type RecordOutput } from './batch-collector.js';
import { exportDigest } from './export-digest.js';
import { followingRows } from './following-rows.js';
import { outboxItem } from './outbox-item.js';

export const MastodonArchiveSourceOptions = z.strictObject({
  /** The archive from "Request your archive": the `.zip`, the older `.tar.gz`, or the unpacked folder. */
  path: filePath(),
  /** `following_accounts.csv` from "Data export", a separate download: the archive holds no follows. */
  following: filePath().optional(),
});
export type MastodonArchiveSourceOptions = z.infer<typeof MastodonArchiveSourceOptions>;

/** The files read from an archive; media is never extracted. */
const ARCHIVE_FILES = ['actor.json', 'outbox.json', 'likes.json', 'bookmarks.json'] as const;

/** One element of a JSON array in the archive, with where it sits. */
type ArchiveElement = { readonly where: string } & (
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }
);

/** What every part of one read shares. */
interface ReadState {
  readonly archive: Archive;
  readonly owner: ArchiveOwner;
  readonly collector: BatchCollector;
  readonly digest: string;
  readonly total: number;
  done: number;
  /** The latest time in the outbox, in epoch milliseconds: the date of the archive's undated records. */
  latest: number | undefined;
}

function toRecord(result: RecordSignals, where: string): RecordOutput {
  return { signals: result.signals, skipped: result.notes.map((reason) => ({ where, reason })) };
}

/** An ISO instant to the second: file times carry sub-millisecond noise that no record has. */
function isoInstant(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Reads a Mastodon account archive, and the following CSV beside it. The owner comes from
 * `actor.json`; `outbox.json` is streamed (statuses, replies, mentions, direct messages, boosts);
 * `likes.json` gives likes of statuses whose URI names their author; bookmarks are private notes
 * and are counted as skipped. The cursor is a digest of what was read plus the count of records
 * committed, so an unchanged export yields nothing and an interrupted read resumes after its last
 * batch.
 */
@injectable()
export class MastodonArchiveSource implements SourceContribution<MastodonArchiveSourceOptions> {
  readonly kind = 'mastodon-archive';
  readonly options = MastodonArchiveSourceOptions;

  async *read(request: SourceRequest<MastodonArchiveSourceOptions>): AsyncIterable<SourceBatch> {
    const { path, following } = request.options;
    const followingFile = following === undefined ? undefined : await readFollowing(following);
    const archive = await openArchive(path, { want: (entry) => ARCHIVE_FILES.some((name) => pathEndsWith(entry, name)) });
    try {
      const actorEntry = requiredEntry(archive, 'actor.json');
      const outboxEntry = requiredEntry(archive, 'outbox.json');
      const likesEntry = archive.find('likes.json');
      const bookmarksEntry = archive.find('bookmarks.json');
      const files = [actorEntry, outboxEntry, likesEntry, bookmarksEntry].filter((entry) => entry !== undefined);
      const digest = exportDigest(files, followingFile?.content);
      const previous = parseArchiveCursor(request.cursor);
      if (previous?.digest === digest && previous.complete) return;

      const owner = archiveOwner(parseJson(await archive.readText(actorEntry), archive.describe(actorEntry)), archive.describe(actorEntry));
      const state: ReadState = {
        archive,
        owner,
        collector: new BatchCollector(previous?.digest === digest ? previous.records : 0),
        digest,
        total: files.reduce((total, entry) => total + entry.size, 0) + (followingFile?.content.length ?? 0),
        done: actorEntry.size,
        latest: undefined,
      };
      state.collector.add({ identities: [owner.report] });

      for (const part of [
        () => this.readOutbox(state, outboxEntry),
        () => this.readLikes(state, likesEntry, outboxEntry, path),
        () => this.readBookmarks(state, bookmarksEntry),
        () => this.readFollowing(state, followingFile),
      ]) {
        for await (const batch of part()) {
          if (request.abort.aborted) return;
          yield batch;
        }
      }
      if (request.abort.aborted) return;
      yield state.collector.take(formatArchiveCursor({ digest, records: state.collector.records, complete: true }), {
        done: state.total,
        total: state.total,
        unit: 'bytes',
      });
    } finally {
      await archive.dispose();
    }
  }

  private *flush(state: ReadState): Generator<SourceBatch> {
    if (!state.collector.full) return;
    yield state.collector.take(formatArchiveCursor({ digest: state.digest, records: state.collector.records, complete: false }), {
      done: state.done,
      total: state.total,
      unit: 'bytes',
    });
  }

  private async *readOutbox(state: ReadState, entry: ArchiveEntry): AsyncGenerator<SourceBatch> {
    for await (const element of this.elements(state, entry)) {
      if (!element.ok) {
        state.collector.add({ rejected: [{ where: element.where, reason: element.reason }] });
      } else {
        const item = outboxItem(element.value, state.owner);
        if (item.type === 'rejected') state.collector.add({ rejected: [{ where: element.where, reason: item.reason }] });
        else if (item.type === 'skipped') state.collector.add({ skipped: [{ where: element.where, reason: item.reason }] });
        else {
          if (state.latest === undefined || item.latest > state.latest) state.latest = item.latest;
          if (item.type === 'status') {
            const { status } = item;
            const replyAuthor = status.inReplyTo?.author;
            const accounts = [...status.mentions, ...status.addressees, ...(replyAuthor ? [accountFromActorUri(replyAuthor)] : [])];
            state.collector.add({ ...toRecord(statusSignals(status), element.where), identities: accounts.map(accountReport) });
          } else {
            const { author } = item.boost.boosted;
            state.collector.add({
              ...toRecord(boostSignals(item.boost), element.where),
              identities: author ? [accountReport(author)] : [],
            });
          }
        }
      }
      yield* this.flush(state);
    }
  }

  private async *readLikes(
    state: ReadState,
    entry: ArchiveEntry | undefined,
    outbox: ArchiveEntry,
    path: string,
  ): AsyncGenerator<SourceBatch> {
    if (entry === undefined) return;
    // Likes carry no time: they are dated by the archive's own content, the latest time in the outbox.
    const at = isoInstant(state.latest ?? (await modifiedAt(path, outbox)));
    for await (const element of this.elements(state, entry)) {
      if (!element.ok) state.collector.add({ rejected: [{ where: element.where, reason: element.reason }] });
      else if (typeof element.value !== 'string' || element.value.trim() === '')
        state.collector.add({
          rejected: [{ where: element.where, reason: `expected the liked status's URI, received ${JSON.stringify(element.value)}` }],
        });
      else {
        const uri = element.value.trim();
        const result = likeSignals({ status: uri, author: statusAuthor(uri), liker: state.owner.account.id, at });
        const authors = result.signals.map((signal) => accountReport(accountFromActorUri(signal.subject.id)));
        state.collector.add({ ...toRecord(result, element.where), identities: authors });
      }
      yield* this.flush(state);
    }
  }

  /** Bookmarks are notes to self: saving a status says nothing to or about its author. Each is counted as skipped. */
  private async *readBookmarks(state: ReadState, entry: ArchiveEntry | undefined): AsyncGenerator<SourceBatch> {
    if (entry === undefined) return;
    for await (const element of this.elements(state, entry)) {
      if (!element.ok) state.collector.add({ rejected: [{ where: element.where, reason: element.reason }] });
      else if (typeof element.value !== 'string')
        state.collector.add({
          rejected: [{ where: element.where, reason: `expected the bookmarked status's URI, received ${JSON.stringify(element.value)}` }],
        });
      else
        state.collector.add({
          skipped: [{ where: element.where, reason: 'a bookmark is a private note to self, not a fact about a relationship' }],
        });
      yield* this.flush(state);
    }
  }

  private async *readFollowing(state: ReadState, file: FollowingFile | undefined): AsyncGenerator<SourceBatch> {
    if (file === undefined) return;
    const owner = state.owner.account.id;
    // The CSV has no follow dates; it is dated by when it was exported, which its file records.
    const at = isoInstant(file.modified);
    const followed = new Set<string>();
    for (const row of followingRows(file.content.toString('utf8'))) {
      const where = `${file.path}:${row.line}`;
      if ('reason' in row) state.collector.add({ rejected: [{ where, reason: row.reason }] });
      else {
        followed.add(row.account.id);
        state.collector.add({ signals: [followSignal(owner, row.account.id, at)], identities: [accountReport(row.account)] });
      }
      yield* this.flush(state);
    }
    state.done += file.content.length;
    state.collector.add({ identities: [{ ...state.owner.report, followingCount: followed.size }] });
  }

  /** Streams a JSON file's `orderedItems`; a truncated file keeps what came before and rejects the rest. */
  private async *elements(state: ReadState, entry: ArchiveEntry): AsyncGenerator<ArchiveElement> {
    const location = state.archive.describe(entry);
    const stream = await state.archive.open(entry);
    try {
      for await (const item of streamJsonArray(counted(stream, state), { path: ['orderedItems'] })) {
        const where = `${location}:$.orderedItems[${item.index}] (line ${item.line})`;
        yield item.ok ? { where, ok: true, value: item.value } : { where, ok: false, reason: item.reason };
      }
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw new ArchiveError(`cannot read ${location}: ${(error as Error).message}`, { cause: error });
      yield { where: location, ok: false, reason: `${error.message}; expected an OrderedCollection with orderedItems` };
    } finally {
      stream.destroy();
    }
  }
}

async function* counted(stream: Readable, state: ReadState): AsyncGenerator<Buffer> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    state.done += chunk.length;
    yield chunk;
  }
}

function requiredEntry(archive: Archive, name: string): ArchiveEntry {
  const entry = archive.find(name);
  if (entry === undefined)
    throw new ArchiveError(`cannot read ${archive.location}: it has no ${name}; expected a Mastodon account archive`);
  return entry;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ArchiveError(`cannot read ${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

interface FollowingFile {
  readonly path: string;
  readonly content: Buffer;
  /** When the file was written: the export's date, as the CSV has none of its own. */
  readonly modified: number;
}

async function readFollowing(path: string): Promise<FollowingFile> {
  try {
    const [content, info] = await Promise.all([readFile(path), stat(path)]);
    return { path, content, modified: info.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a file, found a folder' : (error as Error).message;
    throw new ArchiveError(`cannot open ${path}: ${reason}`, { cause: error });
  }
}

/** The archive's modification time (for a folder, its outbox's): the date of last resort for undated records. */
async function modifiedAt(path: string, outbox: ArchiveEntry): Promise<number> {
  const info = await stat(path);
  return info.isDirectory() ? (await stat(join(path, ...outbox.path.split('/')))).mtimeMs : info.mtimeMs;
}
