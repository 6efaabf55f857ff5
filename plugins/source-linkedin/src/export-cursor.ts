/**
 * Where a LinkedIn import stands. `digest` identifies the export's content and the options that
 * shape its signals; `file` and `line` say how far a partly committed import got (the last row
 * committed). A cursor without `file` marks an export read to the end: the same export again yields nothing.
 */
export interface ExportCursor {
  readonly digest: string;
  readonly file?: string;
  readonly line?: number;
}

export function parseExportCursor(text: string | undefined): ExportCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ExportCursor> | null;
    if (typeof value?.digest !== 'string') return undefined;
    if (value.file === undefined) return { digest: value.digest };
    if (typeof value.file === 'string' && Number.isSafeInteger(value.line))
      return { digest: value.digest, file: value.file, line: value.line as number };
  } catch {
    // A cursor this source did not write: read the export again, which stores nothing twice.
  }
  return undefined;
}

export function formatExportCursor(cursor: ExportCursor): string {
  return JSON.stringify(cursor);
}
