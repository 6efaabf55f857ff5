/**
 * Readers for Flickr's JSON, which is a mechanical translation of its XML: attributes become keys,
 * element text becomes `{"_content": "..."}`, booleans are `0`/`1`, and counts and ids come as
 * numbers on one method and strings on the next (`page` a number, `pages` a string). Each reader
 * takes any of those forms and returns undefined for what it cannot read, never throws.
 */

export type FlickrRecord = Readonly<Record<string, unknown>>;

export function flickrRecord(value: unknown): FlickrRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FlickrRecord) : undefined;
}

/** A repeated element: an array, one object where a translator left a single child unwrapped, or nothing. */
export function flickrList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return flickrRecord(value) === undefined ? [] : [value];
}

/** An attribute or element text: `"Eric"`, `95`, or `{"_content": "Eric"}`; blank text is none. */
export function flickrText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  const record = flickrRecord(value);
  return record === undefined ? undefined : flickrText(record._content);
}

/** A count or an id-like number: `3`, `"3"`, `{"_content": 449}`. */
export function flickrNumber(value: unknown): number | undefined {
  const text = flickrText(value);
  if (text === undefined || !/^\s*-?\d+(?:\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

/** A 0/1 flag (`1`, `"1"`, `true`). */
export function flickrFlag(value: unknown): boolean {
  return value === true || flickrNumber(value) === 1;
}

/** A Flickr date in unix seconds (`"1141841470"`, `1141841470`), as a UTC instant with the text it came from. */
export interface FlickrInstant {
  /** Unix seconds. */
  readonly seconds: number;
  readonly at: string;
  readonly rawAt: string;
}

/** Dates before 2004 (Flickr's launch) or of `0` are placeholders, not times anything happened. */
const EARLIEST = Date.UTC(2004, 0, 1) / 1000;

export function flickrInstant(value: unknown): FlickrInstant | undefined {
  const text = flickrText(value)?.trim();
  if (text === undefined || !/^\d{1,12}$/.test(text)) return undefined;
  const seconds = Number(text);
  if (seconds < EARLIEST) return undefined;
  return { seconds, at: isoSeconds(seconds * 1000), rawAt: text };
}

/** An instant in the interchange form, without milliseconds: `2006-03-08T18:11:10Z`. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A value as it appeared, for a rejection's reason. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
