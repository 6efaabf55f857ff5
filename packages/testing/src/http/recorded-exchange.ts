/** One request and the answer a real server gave it, as a recording tool saved them. */
export interface RecordedExchange {
  /** Upper case. */
  readonly method: string;
  /** Absolute, as recorded (`https://api.github.com/repos/o/r`). */
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly status: number;
  /** Lower-case names; headers that described the recorded transfer (length, encoding) are left out. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Decoded: recordings store bodies already decompressed, and JSON bodies as parsed JSON. */
  readonly body: Buffer;
}

/**
 * Headers about the recorded transfer rather than the content: replaying them would lie (a body saved
 * decompressed and re-serialised has another length and no gzip encoding), and `status` is a header
 * some recorders kept from an old GitHub.
 */
const TRANSFER_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'status']);

/** Lower-cases names, drops transfer headers, and keeps repeated headers as lists. */
export function normalizeRecordedHeaders(
  entries: Iterable<readonly [string, string | readonly string[]]>,
): Record<string, string | readonly string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (TRANSFER_HEADERS.has(name)) continue;
    const values = typeof value === 'string' ? [value] : [...value];
    const existing = headers[name];
    const merged = existing === undefined ? values : [...(typeof existing === 'string' ? [existing] : existing), ...values];
    headers[name] = merged.length === 1 ? (merged[0] as string) : merged;
  }
  return headers;
}

/** A recorded body: text as it is, JSON values serialised, nothing as an empty body. */
export function recordedBody(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}
