import { createHash } from 'node:crypto';
import {
  type Archive,
  type ArchiveEntry,
  filePath,
  injectable,
  openArchive,
  pathEndsWith,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
  z,
} from '@handshake/sdk';
import { BatchBuilder } from './batch-builder.js';
import { readCsvRecords } from './csv/read-csv-records.js';
import { type CsvTableItem, readCsvTable } from './csv/read-csv-table.js';
import { formatExportCursor, parseExportCursor } from './export-cursor.js';
import { connectionsFile } from './files/connections-file.js';
import { endorsementsFile } from './files/endorsements-file.js';
import { invitationsFile } from './files/invitations-file.js';
import type { ExportSurvey, LinkedinFile } from './files/linkedin-file.js';
import { memberFollowsFile } from './files/member-follows-file.js';
import { messagesFile } from './files/messages-file.js';
import { profileFile } from './files/profile-file.js';
import { RowContext } from './files/row-context.js';
import { sharesFile } from './files/shares-file.js';
import { commentsFile, reactionsFile } from './files/unattributed-file.js';
import { ConversationIndex } from './messages/conversation-index.js';
import { OwnerSurvey } from './owner/owner-survey.js';
import { LinkedinDateParser } from './time/linkedin-date-parser.js';
import { isTimeZone } from './time/zoned-instant.js';

function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

export const LinkedinExportSourceOptions = z.strictObject({
  /** The export: the zip LinkedIn sends, or the folder it was unpacked to. */
  path: filePath(),
  /**
   * The locale the export was made in, which decides how numeric dates such as Invitations.csv's
   * `8/6/22, 8:56 PM` read: `en-US` month/day/year, `en-GB` day/month/year.
   */
  locale: z
    .string()
    .refine(isLocale, { message: 'expected a BCP 47 locale such as en-US or en-GB' })
    .default('en-US')
    .meta({ examples: ['en-US', 'en-GB', 'de-DE'] }),
  /** The IANA zone of timestamps the export writes without one (Shares, Invitations, follows). */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'expected an IANA time zone such as UTC or Europe/Berlin' })
    .default('UTC')
    .meta({ examples: ['UTC', 'America/New_York', 'Europe/Berlin'] }),
  /** The owner's name as LinkedIn shows it, for when messages alone cannot tell who the owner is. */
  ownerName: z.string().trim().min(1).optional(),
});
export type LinkedinExportSourceOptions = z.infer<typeof LinkedinExportSourceOptions>;

/** The files read, in reading order. Profile.csv only tells who the owner is. */
const FILES: readonly LinkedinFile[] = [
  profileFile,
  connectionsFile,
  invitationsFile,
  messagesFile,
  sharesFile,
  endorsementsFile,
  memberFollowsFile,
  commentsFile,
  reactionsFile,
];

/** Signals, rejections and skips per batch. */
const BATCH_SIZE = 2000;
/** Bumped when the same export would give different signals, so that it is read again. */
const FORMAT_VERSION = 1;

interface PlannedFile {
  readonly file: LinkedinFile;
  readonly entry: ArchiveEntry;
}

/**
 * Reads a LinkedIn data export (zip or folder). Two passes: the first digests the files and
 * learns who the owner is and who is in each conversation; the second streams the rows into
 * signals, in batches of about 2,000, each with a cursor that says where to resume.
 */
@injectable()
export class LinkedinExportSource implements SourceContribution<LinkedinExportSourceOptions> {
  readonly kind = 'linkedin-export';
  readonly options = LinkedinExportSourceOptions;

  async *read(request: SourceRequest<LinkedinExportSourceOptions>): AsyncIterable<SourceBatch> {
    const { options } = request;
    const dates = new LinkedinDateParser(options.locale, options.timeZone);
    const archive = await openArchive(options.path);
    try {
      const plan = planFiles(archive);
      if (plan.length === 0) {
        throw new Error(
          `cannot read ${archive.location} as a LinkedIn export: it holds none of ${FILES.map((file) => file.name).join(', ')}`,
        );
      }
      const survey: ExportSurvey = { owner: new OwnerSurvey(), conversations: new ConversationIndex() };
      const digests: string[] = [];
      for (const planned of plan) digests.push(await surveyFile(archive, planned, survey));
      const digest = createHash('sha256')
        .update(JSON.stringify([FORMAT_VERSION, options.locale, options.timeZone, options.ownerName ?? null, digests]))
        .digest('hex');

      const previous = parseExportCursor(request.cursor);
      if (request.abort.aborted || (previous?.digest === digest && previous.file === undefined)) return;
      const resume = previous?.digest === digest && plan.some(({ entry }) => entry.path === previous.file) ? previous : undefined;

      const decision = survey.owner.decide(options.ownerName, survey.conversations);
      const out = new BatchBuilder();
      const context = new RowContext(decision.owner, dates, survey.conversations, out);
      const messages = plan.find(({ file }) => file === messagesFile);
      if (resume === undefined && decision.ambiguity !== undefined && messages !== undefined) {
        out.skip(archive.describe(messages.entry), decision.ambiguity);
      }

      const total = plan.reduce((sum, { entry }) => sum + entry.size, 0);
      let done = 0;
      let waiting = resume !== undefined;
      for (const { file, entry } of plan) {
        const read = file.read;
        if (read === undefined || (waiting && entry.path !== resume?.file)) {
          done += entry.size;
          continue;
        }
        const after = waiting ? (resume?.line ?? 0) : 0;
        waiting = false;
        const start = done;
        const where = archive.describe(entry);
        for await (const item of fileRows(archive, entry, file, (chunk) => (done += chunk.length))) {
          const line = item.type === 'row' ? item.row.line : item.line;
          if (line <= after) continue;
          context.where = `${where}:${line}`;
          if (item.type === 'row') read(item.row, context);
          else context.reject(item.reason);
          if (out.size >= BATCH_SIZE) {
            yield out.take(formatExportCursor({ digest, file: entry.path, line }), { done, total, unit: 'bytes' });
            if (request.abort.aborted) return;
          }
        }
        done = start + entry.size;
      }
      yield out.take(formatExportCursor({ digest }), { done: total, total, unit: 'bytes' });
    } finally {
      await archive.dispose();
    }
  }
}

/** The export's files this source reads, in reading order; every copy of a file whose name appears twice. */
function planFiles(archive: Archive): PlannedFile[] {
  return FILES.flatMap((file) => archive.filter((entry) => pathEndsWith(entry.path, file.name)).map((entry) => ({ file, entry })));
}

/** Reads one file for the survey; returns its digest line (path, size, SHA-256) for the cursor. */
async function surveyFile(archive: Archive, { file, entry }: PlannedFile, survey: ExportSurvey): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const onChunk = (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  };
  const gather = file.survey;
  if (gather === undefined) {
    const stream = await archive.open(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) onChunk(chunk);
    } catch (error) {
      throw readError(archive, entry, error);
    } finally {
      stream.destroy();
    }
  } else {
    for await (const item of fileRows(archive, entry, file, onChunk)) if (item.type === 'row') gather(item.row, survey);
  }
  return `${entry.path}\t${bytes}\t${hash.digest('hex')}`;
}

/** The rows of one file, streamed; a file that cannot be read throws an error that names it. */
async function* fileRows(
  archive: Archive,
  entry: ArchiveEntry,
  file: LinkedinFile,
  onChunk: (chunk: Buffer) => void,
): AsyncGenerator<CsvTableItem> {
  const stream = await archive.open(entry);
  try {
    yield* readCsvTable(readCsvRecords(stream, { onChunk }), { required: file.columns });
  } catch (error) {
    throw readError(archive, entry, error);
  }
}

function readError(archive: Archive, entry: ArchiveEntry, error: unknown): Error {
  return new Error(`cannot read ${archive.describe(entry)}: ${(error as Error).message}`, { cause: error });
}
