const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** Whether a text is a TID: 13 base32-sortable characters, a timestamp in microseconds and a clock id. */
export function isTid(text: unknown): text is string {
  return typeof text === 'string' && TID.test(text);
}

/**
 * The time a TID was minted, epoch milliseconds, or undefined for a text that is not a TID. A record key
 * that is a TID was minted by the PDS (or the client) when the record was written.
 */
export function tidTime(text: string): number | undefined {
  if (!isTid(text)) return undefined;
  let value = 0n;
  for (const character of text) value = value * 32n + BigInt(ALPHABET.indexOf(character));
  // The low 10 bits are the clock id; the 53 bits above are microseconds since the epoch.
  return Number((value >> 10n) / 1000n);
}
