/** Fatal, so text that is not UTF-8 when taken as bytes is left alone; a byte order mark is kept as text. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NON_ASCII = /[\u0080-\uffff]/;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * Undoes Facebook's mojibake: the export writes each UTF-8 byte as its own `\u00XX` escape, so
 * "é" arrives as "Ã©" and "🚀" as four latin-1 characters. A string is re-decoded only when every
 * character fits in a byte and those bytes are valid UTF-8; ASCII, text that is already correct
 * ("é" alone is not valid UTF-8, "🚀" does not fit in bytes) and anything else stays as it is,
 * so repairing twice changes nothing.
 */
export function repairMojibake(text: string): string {
  if (!NON_ASCII.test(text) || BEYOND_LATIN1.test(text)) return text;
  try {
    return strictUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/** Repairs every string in a parsed JSON value, keys included, and returns the repaired copy. */
export function repairMojibakeDeep(value: unknown): unknown {
  if (typeof value === 'string') return repairMojibake(value);
  if (Array.isArray(value)) return value.map(repairMojibakeDeep);
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines properties, so a "__proto__" key stays data and never becomes a prototype.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [repairMojibake(key), repairMojibakeDeep(item)]));
  }
  return value;
}
