import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  checkIdentityReport,
  filePath,
  type IdentityReport,
  injectable,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
  z,
} from '@handshake/sdk';
import { type JsonlCursor, parseJsonlCursor } from './jsonl-cursor.js';

export const JsonlSourceOptions = z.strictObject({
  /** A file of signals, one JSON object per line, in the interchange format. */
  path: filePath(),
});
export type JsonlSourceOptions = z.infer<typeof JsonlSourceOptions>;

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Reads signals as JSON lines. Streams the file in 1 MB chunks, so memory stays flat whatever
 * its size; each chunk's whole lines are one batch, and the cursor is the byte offset after
 * them, so a resumed import starts exactly where the last commit ended.
 */
@injectable()
export class JsonlSource implements SourceContribution<JsonlSourceOptions> {
  readonly kind = 'jsonl';
  readonly options = JsonlSourceOptions;

  async *read(request: SourceRequest<JsonlSourceOptions>): AsyncIterable<SourceBatch> {
    const { path } = request.options;
    const size = await fileSize(path);
    const sha256 = await digestFile(path);
    const previous = parseJsonlCursor(request.cursor);
    const resume = previous?.sha256 === sha256 ? previous : undefined;
    let offset = resume?.offset ?? 0;
    let line = resume?.line ?? 0;
    if (offset >= size) return;

    let carry: Buffer | undefined;
    const stream = createReadStream(path, { start: offset, highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (request.abort.aborted) return;
        const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        const end = buffer.lastIndexOf(NEWLINE);
        if (end < 0) {
          carry = buffer;
          continue;
        }
        const parsed = parseLines(buffer.toString('utf8', 0, end), path, line, offset === 0);
        // Copy the tail: a view would keep the whole previous chunk alive.
        carry = end + 1 < buffer.length ? Buffer.from(buffer.subarray(end + 1)) : undefined;
        offset += end + 1;
        line = parsed.line;
        yield batch(parsed, { sha256, offset, line }, size, path);
      }
      if (carry && carry.length > 0) {
        const parsed = parseLines(carry.toString('utf8'), path, line, offset === 0);
        offset += carry.length;
        yield batch(parsed, { sha256, offset, line: parsed.line }, size, path);
      }
    } finally {
      stream.destroy();
    }
  }
}

interface ParsedLines {
  /** Parsed but unchecked: the host checks every signal, and reports a bad one at its line. */
  readonly signals: Signal[];
  readonly lines: number[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly line: number;
}

function batch(parsed: ParsedLines, cursor: JsonlCursor, size: number, path: string): SourceBatch {
  return {
    signals: parsed.signals,
    where: (index) => `${path}:${parsed.lines[index]}`,
    identities: parsed.identities,
    rejected: parsed.rejected,
    cursor: JSON.stringify(cursor),
    progress: { done: cursor.offset, total: size, unit: 'bytes' },
  };
}

/**
 * Parses whole lines; one that is not JSON becomes a rejection with its file and line number, and
 * the host reports a signal that breaks the format at its line the same way. A line with
 * `"type": "identity"` describes an identity (handle, display name, links) rather than a signal:
 * `handshake state export` writes them first, so names travel with the signals.
 */
function parseLines(text: string, path: string, firstLine: number, atFileStart: boolean): ParsedLines {
  const signals: Signal[] = [];
  const signalLines: number[] = [];
  const identities: IdentityReport[] = [];
  const rejected: Rejection[] = [];
  const lines = text.split('\n');
  let line = firstLine;
  for (let index = 0; index < lines.length; index++) {
    line++;
    let raw = lines[index] as string;
    if (index === 0 && atFileStart && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      rejected.push({ where: `${path}:${line}`, reason: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    if ((value as { type?: unknown } | null)?.type === 'identity') {
      const identity = checkIdentityReport(value);
      if (identity.ok) identities.push(identity.report);
      else rejected.push({ where: `${path}:${line}`, reason: `identity ${identity.reason}` });
      continue;
    }
    signals.push(value as Signal);
    signalLines.push(line);
  }
  return { signals, lines: signalLines, identities, rejected, line };
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${path} is not a file`);
    return info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`cannot read ${path}: no such file`, { cause: error });
    throw error;
  }
}

function digestFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: CHUNK_BYTES })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error) => reject(new Error(`cannot read ${path}: ${error.message}`, { cause: error })))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
