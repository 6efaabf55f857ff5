/** A JSON object of a REST API answer, read defensively: every field may be missing, null or of another type. */
export type Json = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, trimmed. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An instance-local id: Mastodon sends strings of digits; other servers send numbers or other strings. */
export function localId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return text(value);
}

/** A count: a whole number of zero or more (some servers send -1 for a hidden count). */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** An http(s) URL as given, or undefined. */
export function webUrl(value: unknown): string | undefined {
  const url = text(value);
  return url !== undefined && /^https?:\/\/[^/?#\s]+/i.test(url) ? url : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
