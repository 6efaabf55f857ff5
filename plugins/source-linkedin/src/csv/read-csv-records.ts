import type { Readable } from 'node:stream';
import { CsvParser, type CsvRecord } from './csv-parser.js';

export interface ReadCsvRecordsOptions {
  /** Sees every chunk of bytes as it is read: for digests and progress. */
  readonly onChunk?: (chunk: Buffer) => void;
}

/**
 * Streams the records of a UTF-8 CSV file: only the records of one chunk are in memory at a
 * time, whatever the file's size. Stopping early destroys the stream.
 */
export async function* readCsvRecords(stream: Readable, options: ReadCsvRecordsOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.onChunk?.(chunk);
      yield* parser.write(chunk);
    }
    yield* parser.end();
  } finally {
    stream.destroy();
  }
}
