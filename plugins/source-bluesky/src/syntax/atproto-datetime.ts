/** The shape atproto requires: RFC 3339 and ISO 8601 both, seconds required, a zone required. */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const YEAR_ZERO = -62_167_219_200_000;

/** A client-asserted datetime, normalized. */
export interface AtprotoDatetime {
  /** Epoch milliseconds (fractions beyond milliseconds are dropped). */
  readonly time: number;
  /** The UTC instant: `2023-04-26T07:08:50Z`, or with milliseconds when it has them. */
  readonly iso: string;
}

/**
 * Reads a datetime in atproto's syntax (`1985-04-12T23:20:50.123Z`, `2023-04-26T00:08:50-07:00`) into a
 * UTC instant, or undefined: a lower-case `t` or `z`, a missing zone, `-00:00`, a 30 February, or a time
 * before year 0 once normalized are all refused, as the atproto interop tests require.
 */
export function parseAtprotoDatetime(text: unknown): AtprotoDatetime | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DATETIME.exec(text);
  if (!match || text.endsWith('-00:00')) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || Number(offsetMinutes) > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0 to 99 as they are.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const time = date.getTime() - (sign === '-' ? -offset : sign === '+' ? offset : 0);
  if (time < YEAR_ZERO) return undefined;
  return { time, iso: isoInstant(time) };
}

/** An instant in the interchange form: `2023-04-26T07:08:50Z`, milliseconds only when there are some. */
export function isoInstant(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
