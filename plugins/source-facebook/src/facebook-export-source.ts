import {
  type Archive,
  type ArchiveEntry,
  filePath,
  inject,
  injectable,
  Logger,
  openArchive,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
  z,
} from '@handshake/sdk';
import { BatchCollector } from './batch-collector.js';
import { exportDigest, formatExportCursor, parseExportCursor } from './export-cursor.js';
import { describeLayout, type FacebookLayout, findFacebookLayout, isEmptyLayout, type RelationListKind } from './facebook-layout.js';
import { FACEBOOK } from './facebook-person.js';
import { resolveOwnerNames } from './owner-names.js';
import { readComments } from './readers/comment-reader.js';
import { readPosts } from './readers/post-reader.js';
import { readReactions } from './readers/reaction-reader.js';
import { readRelationList } from './readers/relation-list-reader.js';
import { readThread } from './readers/thread-reader.js';
import { readTimelinePosts } from './readers/timeline-post-reader.js';
import { ReadingContext, type RecordOutcome } from './reading-context.js';

export const FacebookExportSourceOptions = z.strictObject({
  /** The export as downloaded (a `.zip`) or unpacked (its folder), in Facebook's JSON format. */
  path: filePath(),
  /** Conversations with more people than this are skipped: a large group is no sign of a tie. */
  maxGroupSize: z.number().int().min(2).default(10),
  /**
   * The owner's name as Facebook shows it. Only needed when the export has no profile file and
   * the name cannot be told from the messages (see the README).
   */
  ownerName: z.string().trim().min(1).optional(),
});
export type FacebookExportSourceOptions = z.infer<typeof FacebookExportSourceOptions>;

/** Records per batch: a few thousand, so a commit is quick and a resumed import loses little. */
const BATCH_RECORDS = 2000;

/** Lists in reading order: requests before followers, so a follow a request dates keeps that date. */
const LIST_ORDER: readonly RelationListKind[] = ['friends', 'removedFriends', 'sentRequests', 'receivedRequests', 'following', 'followers'];

/** A share of the export read in order: one file, or one message thread with all its parts. */
interface WorkUnit {
  readonly bytes: number;
  read(context: ReadingContext): AsyncIterable<RecordOutcome>;
}

function sizeOf(entries: readonly ArchiveEntry[]): number {
  return entries.reduce((total, entry) => total + entry.size, 0);
}

function planUnits(layout: FacebookLayout): WorkUnit[] {
  const units: WorkUnit[] = [];
  for (const kind of LIST_ORDER) {
    const entry = layout.lists[kind];
    if (entry) units.push({ bytes: entry.size, read: (context) => readRelationList(context, kind, entry) });
  }
  for (const entry of layout.posts) units.push({ bytes: entry.size, read: (context) => readPosts(context, entry) });
  for (const entry of layout.timelinePosts) units.push({ bytes: entry.size, read: (context) => readTimelinePosts(context, entry) });
  for (const entry of layout.comments) units.push({ bytes: entry.size, read: (context) => readComments(context, entry) });
  for (const entry of layout.reactions) units.push({ bytes: entry.size, read: (context) => readReactions(context, entry) });
  for (const thread of layout.threads) units.push({ bytes: sizeOf(thread.parts), read: (context) => readThread(context, thread) });
  return units;
}

/** The files whose modification times date an unpacked export: the small ones, and a few threads. */
function datedEntries(layout: FacebookLayout): ArchiveEntry[] {
  const lists = Object.values(layout.lists).filter((entry): entry is ArchiveEntry => entry !== undefined);
  const files = [...(layout.profile ? [layout.profile] : []), ...lists, ...layout.posts, ...layout.comments, ...layout.reactions];
  return [...files, ...layout.threads.slice(0, 20).flatMap((thread) => thread.parts.slice(0, 1))];
}

function noExportMessage(archive: Archive): string {
  const html = archive.entries.some((entry) => /\.html?$/i.test(entry.path));
  const hint = html
    ? 'it looks like the HTML format: download your information again with Format: JSON'
    : 'expected the files of Facebook\'s "Download your information" in JSON (friends, posts, comments, reactions, messages)';
  return `${archive.location} holds no Facebook export this source can read: ${hint}`;
}

/**
 * Reads Facebook's "Download your information" export in JSON, in its 2018, 2021 and 2024
 * layouts, from a zip or its unpacked folder. Facebook gives no ids at all, so every person is
 * a weak `name:` identity and the owner is `ownerIdentity('facebook')`.
 *
 * Files are read one record at a time, so a message thread of any size costs little memory. The
 * cursor is a digest of the export's file list (paths and sizes) and how far the import got in
 * it: an unchanged export yields nothing, an interrupted one resumes at its last batch, and a new
 * export is read from the start (signals already stored are recognised by their ids).
 */
@injectable()
export class FacebookExportSource implements SourceContribution<FacebookExportSourceOptions> {
  readonly kind = 'facebook-export';
  readonly options = FacebookExportSourceOptions;

  constructor(@inject(Logger) private readonly logger: Logger) {}

  async *read(request: SourceRequest<FacebookExportSourceOptions>): AsyncIterable<SourceBatch> {
    const { path, maxGroupSize, ownerName } = request.options;
    const archive = await openArchive(path);
    try {
      const layout = findFacebookLayout(archive);
      if (isEmptyLayout(layout)) throw new Error(noExportMessage(archive));
      const digest = exportDigest(archive, { maxGroupSize, ownerName: ownerName ?? null });
      const previous = parseExportCursor(request.cursor);
      if (previous?.digest === digest && previous.complete) {
        this.logger.debug({ source: request.sourceId }, 'facebook export unchanged');
        return;
      }
      const resume = previous?.digest === digest && !previous.complete ? previous : undefined;
      this.logger.info({ source: request.sourceId, layout: layout.era, found: describeLayout(layout) }, 'facebook export files found');

      const owner = await resolveOwnerNames(archive, layout, ownerName);
      if (owner.names.size === 0 && layout.threads.length > 0) {
        this.logger.warn(
          { source: request.sourceId },
          "owner's name not found in the export: messages keep the owner's name as a separate person; set ownerName",
        );
      } else if (owner.names.size > 0) {
        this.logger.info({ source: request.sourceId, from: owner.from }, 'owner identified');
      }
      const context = new ReadingContext({
        archive,
        location: path,
        ownerNames: owner.names,
        participants: owner.participants,
        maxGroupSize,
        datedEntries: datedEntries(layout),
      });
      const collector = new BatchCollector(BATCH_RECORDS);
      collector.report({ ...context.owner, owner: true, ...(owner.displayName ? { displayName: owner.displayName } : {}) });
      for (const rejection of owner.rejected) collector.reject(rejection);

      const units = planUnits(layout);
      const total = units.reduce((sum, unit) => sum + unit.bytes, 0);
      let completed = 0;
      const counts = { signals: 0, rejected: 0, skipped: 0 };
      const emit = (cursor: string, unitBytes: number, unitStart: number) => {
        const done = Math.min(completed + Math.min(context.bytesRead - unitStart, unitBytes), total);
        const batch = collector.take(cursor, { done, total, unit: 'bytes' });
        counts.signals += batch.signals.length;
        counts.rejected += batch.rejected?.length ?? 0;
        counts.skipped += batch.skipped?.length ?? 0;
        return batch;
      };
      for (let index = 0; index < units.length; index++) {
        const unit = units[index] as WorkUnit;
        if (resume && index < resume.unit) {
          completed += unit.bytes;
          continue;
        }
        if (request.abort.aborted) return;
        const committed = resume && index === resume.unit ? resume.records : 0;
        const unitStart = context.bytesRead;
        let records = 0;
        for await (const outcome of unit.read(context)) {
          records++;
          if (records <= committed) continue;
          collector.add(outcome);
          if (collector.full) {
            yield emit(formatExportCursor({ digest, complete: false, unit: index, records }), unit.bytes, unitStart);
            if (request.abort.aborted) return;
          }
        }
        completed += unit.bytes;
      }
      yield emit(formatExportCursor({ digest, complete: true }), 0, context.bytesRead);
      this.logger.info({ source: request.sourceId, network: FACEBOOK, ...counts }, 'facebook export read');
    } finally {
      await archive.dispose();
    }
  }
}
