import { PassThrough, type Readable } from 'node:stream';
import { type Archive, type ArchiveEntry, streamJsonArray } from '@handshake/sdk';
import { repairMojibakeDeep } from './repair-mojibake.js';

/** One record of an export file, its strings repaired, or why it could not be read; `where` names the file and the JSON path. */
export type ExportRecord =
  | { readonly ok: true; readonly value: unknown; readonly where: string; readonly index: number }
  | { readonly ok: false; readonly where: string; readonly reason: string };

export interface StreamExportRecordsOptions {
  /**
   * Where the array is: a fixed path (`['messages']`), or the names its top-level key may have
   * (`friends_v2` in 2021, `friends` in 2018), read from the file's first bytes. A file that is an
   * array itself is accepted too.
   */
  readonly array: { readonly path: readonly string[] } | { readonly key: RegExp };
  /** What the file should hold, for the message when it holds something else. */
  readonly expected: string;
  /** Told the size of each chunk read, for progress. */
  readonly onBytes?: (bytes: number) => void;
}

const READ_AHEAD = 1 << 20;
/** Enough of the start of a file to see its top-level key. */
const SNIFF_LIMIT = 64 * 1024;

type Shape = { readonly path: readonly string[] } | { readonly problem: string } | 'incomplete';

function shapeOf(head: string, done: boolean): Shape {
  const text = head.replace(/^[\ufeff\s]+/, '');
  if (text.startsWith('[')) return { path: [] };
  if (!text.startsWith('{')) return text === '' && !done ? 'incomplete' : { problem: 'not a JSON object or array' };
  const key = /^\{\s*"((?:[^"\\]|\\.)*)"\s*:\s*(\S)/.exec(text);
  if (!key) {
    if (/^\{\s*\}/.test(text)) return { problem: 'an empty object' };
    return done ? { problem: 'not valid JSON' } : 'incomplete';
  }
  const name = JSON.parse(`"${key[1]}"`) as string;
  return key[2] === '[' ? { path: [name] } : { problem: `"${name}" is not a list` };
}

/**
 * Reads an entry with a buffer of read-ahead: a zip entry inflates on libuv's thread pool in
 * 16 KB steps, and without room to run ahead each step would wait for the parser, and the parser
 * for each step. With it, inflating and parsing overlap.
 */
async function* chunksOf(entry: Readable, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const stream = entry.pipe(new PassThrough({ highWaterMark: READ_AHEAD }));
  entry.once('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk.length);
      yield chunk;
    }
  } finally {
    entry.destroy();
    stream.destroy();
  }
}

async function* replay(head: readonly Buffer[], rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* head;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

/**
 * Streams the records of one export file: only the record being read is in memory, whatever the
 * file's size. Each record's strings are repaired (Facebook's mojibake) before it is handed on.
 * A record that is not valid JSON, a file of another shape, or a file cut short is reported as
 * one not-ok item, with where it is, and never thrown: the records around it still come.
 */
export async function* streamExportRecords(
  archive: Archive,
  entry: ArchiveEntry,
  options: StreamExportRecordsOptions,
): AsyncGenerator<ExportRecord> {
  const file = archive.describe(entry);
  let path: readonly string[] = [];
  try {
    const chunks = chunksOf(await archive.open(entry), options.onBytes);
    let input: AsyncGenerator<Buffer> = chunks;
    if ('path' in options.array) path = options.array.path;
    else {
      const head: Buffer[] = [];
      let size = 0;
      let shape: Shape = 'incomplete';
      while (shape === 'incomplete') {
        const next = await chunks.next();
        if (!next.done) {
          head.push(next.value);
          size += next.value.length;
        }
        shape = shapeOf(Buffer.concat(head).toString('utf8'), next.done === true || size >= SNIFF_LIMIT);
      }
      if ('problem' in shape) {
        await chunks.return(undefined);
        yield { ok: false, where: file, reason: `expected ${options.expected}, found ${shape.problem}` };
        return;
      }
      const key = shape.path[0];
      if (key !== undefined && !options.array.key.test(key)) {
        await chunks.return(undefined);
        yield { ok: false, where: file, reason: `expected ${options.expected}, found a list named "${key}"` };
        return;
      }
      path = shape.path;
      input = replay(head, chunks);
    }
    const base = path.length === 0 ? '$' : `$.${path.join('.')}`;
    for await (const item of streamJsonArray(input, { path })) {
      const where = `${file}:${base}[${item.index}]`;
      if (item.ok) yield { ok: true, value: repairMojibakeDeep(item.value), where, index: item.index };
      else yield { ok: false, where: `${where} (line ${item.line})`, reason: item.reason };
    }
  } catch (error) {
    yield { ok: false, where: file, reason: (error as Error).message };
  }
}
