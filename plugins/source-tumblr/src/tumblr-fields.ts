/**
 * Readers for Tumblr's JSON. Post ids are 64-bit (`id` loses digits as a JavaScript number, so
 * `id_string` is the id), timestamps are unix seconds as numbers or strings, and any field may be
 * missing on a partial answer. Each reader returns undefined for what it cannot read, never throws.
 */

export type TumblrRecord = Readonly<Record<string, unknown>>;

export function tumblrRecord(value: unknown): TumblrRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TumblrRecord) : undefined;
}

export function tumblrList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-blank string. */
export function tumblrText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A blog uuid: `t:` and its key (`t:0aY0xL2Fi1OFJg4YxpmegQ`). */
export const BLOG_UUID = /^t:[\w-]+$/;

export function blogUuid(value: unknown): string | undefined {
  const text = tumblrText(value)?.trim();
  return text !== undefined && BLOG_UUID.test(text) ? text : undefined;
}

/**
 * A post id as text. `id_string` when given; a numeric `id` only while it is exact (below 2^53),
 * since Tumblr's ids are often larger and JSON.parse has already rounded them.
 */
export function postId(record: TumblrRecord, stringField = 'id_string', numberField = 'id'): string | undefined {
  const text = tumblrText(record[stringField])?.trim() ?? tumblrText(record[numberField])?.trim();
  if (text !== undefined) return /^\d+$/.test(text) ? text : undefined;
  const number = record[numberField];
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? String(number) : undefined;
}

/** A Tumblr date in unix seconds, as a UTC instant with the text it came from. */
export interface TumblrInstant {
  readonly seconds: number;
  readonly at: string;
  readonly rawAt: string;
}

/** Tumblr opened in 2007: an earlier date (or 0) is a placeholder. */
const EARLIEST = Date.UTC(2007, 0, 1) / 1000;

export function tumblrInstant(value: unknown, rawText?: unknown): TumblrInstant | undefined {
  const text = typeof value === 'number' ? String(value) : tumblrText(value)?.trim();
  if (text === undefined || !/^\d{1,12}$/.test(text)) return undefined;
  const seconds = Number(text);
  if (seconds < EARLIEST) return undefined;
  return { seconds, at: isoSeconds(seconds * 1000), rawAt: tumblrText(rawText) ?? text };
}

/** An instant in the interchange form, without milliseconds. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A value as it appeared, for a rejection's reason. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
