/**
 * A name as LinkedIn shows it, tidied the way the export's files disagree: Unicode composed one
 * way, runs of spaces (`Bhavna Laine  Uchida`) made one, ends trimmed (`Margo `). Case, emoji,
 * nicknames and credentials (`, MBA`) stay: they are how the member writes their name everywhere.
 */
export function personName(...parts: readonly string[]): string {
  const joined = parts.length === 1 ? (parts[0] as string) : parts.join(' ');
  // Most names are plain ASCII words with single spaces: skip the costly Unicode pass for them.
  if (TIDY_ASCII.test(joined)) return joined;
  return joined.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const TIDY_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** A name folded for comparison within one export (who is the owner, who is in a conversation). */
export function nameKey(name: string): string {
  return personName(name).toLowerCase();
}

/** The name LinkedIn shows for a member who deleted or hid their profile. */
export const HIDDEN_MEMBER = 'LinkedIn Member';
