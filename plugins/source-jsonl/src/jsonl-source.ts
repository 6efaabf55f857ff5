import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open, stat } from 'node:fs/promises';
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

const CHUNK_BYTES = 1 << 18;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Reads signals as JSON lines. Streams the file in 256 KB chunks, so memory stays flat whatever
 * its size; each chunk's whole lines are one batch, and the cursor is the byte offset after
 * them with a hash of the bytes before it, so a resumed import starts exactly where the last
 * commit ended, a file that grew is read on from there, and one changed before it is read again.
 */
@injectable()
export class JsonlSource implements SourceContribution<JsonlSourceOptions> {
  readonly kind = 'jsonl';
  readonly options = JsonlSourceOptions;

  async *read(request: SourceRequest<JsonlSourceOptions>): AsyncIterable<SourceBatch> {
    const { path } = request.options;
    const size = await fileSize(path);
    // One buffer, reused: each chunk is read into it and each line decoded on its own, so no
    // chunk-sized Buffer or string is left for the garbage collector per megabyte read.
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    const handle = await openFile(path);
    try {
      const previous = parseJsonlCursor(request.cursor);
      let hash = createHash('sha256');
      let offset = 0;
      let line = 0;
      if (previous && previous.offset <= size) {
        if ((await digestPrefix(handle, previous.offset, hash, buffer, path)) === previous.sha256) {
          offset = previous.offset;
          line = previous.line;
        } else hash = createHash('sha256');
      }
      if (offset >= size) return;
      for (;;) {
        if (request.abort.aborted) return;
        if (filled === buffer.length) {
          // A line longer than the buffer: make room for it.
          const larger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(larger, 0, 0, filled);
          buffer = larger;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
        const total = filled + bytesRead;
        const atEnd = bytesRead === 0;
        const end = atEnd ? total : buffer.lastIndexOf(NEWLINE, total - 1) + 1;
        if (end === 0) {
          if (atEnd) return;
          filled = total;
          continue;
        }
        const parsed = parseLines(buffer, end, path, line, offset === 0);
        hash.update(buffer.subarray(0, end));
        const sha256 = hash.copy().digest('hex');
        buffer.copyWithin(0, end, total);
        filled = total - end;
        offset += end;
        line = parsed.line;
        yield batch(parsed, { sha256, offset, line }, size, path);
        if (atEnd) return;
      }
    } finally {
      await handle.close();
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
function parseLines(buffer: Buffer, end: number, path: string, firstLine: number, atFileStart: boolean): ParsedLines {
  const signals: Signal[] = [];
  const signalLines: number[] = [];
  const identities: IdentityReport[] = [];
  const rejected: Rejection[] = [];
  let line = firstLine;
  let start = atFileStart && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  while (start < end) {
    const newline = buffer.indexOf(NEWLINE, start);
    const lineEnd = newline < 0 || newline >= end ? end : newline;
    line++;
    const stop = lineEnd > start && buffer[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
    const raw = buffer.toString('utf8', start, stop);
    start = lineEnd + 1;
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

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
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

/** Feeds the file's first `length` bytes to `hash` and returns their digest, leaving `hash` ready for more. */
async function digestPrefix(handle: FileHandle, length: number, hash: Hash, buffer: Buffer, path: string): Promise<string> {
  for (let position = 0; position < length; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - position), position);
    if (bytesRead === 0) throw new Error(`cannot read ${path}: it shrank while being read`);
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.copy().digest('hex');
}
