/** Where a JSON lines import stands: which file content, and how far into it. */
export interface JsonlCursor {
  /** SHA-256 of the bytes before `offset`: a file changed there is read again from the start, one that grew is read on. */
  readonly sha256: string;
  /** Bytes already read, always at the start of a line. */
  readonly offset: number;
  /** Lines already read, so line numbers in reports stay true after a resume. */
  readonly line: number;
}

export function parseJsonlCursor(text: string | undefined): JsonlCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<JsonlCursor>;
    if (typeof value.sha256 === 'string' && Number.isSafeInteger(value.offset) && Number.isSafeInteger(value.line))
      return value as JsonlCursor;
  } catch {
    // A cursor this source did not write: start over, which stores nothing twice.
  }
  return undefined;
}
