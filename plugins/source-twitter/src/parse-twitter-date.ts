import { parseInstant } from '@handshake/sdk';

/** A timestamp read from the archive: the UTC instant and, when it differs, the text as written. */
export interface TwitterInstant {
  /** ISO-8601 in UTC. */
  readonly at: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly rawAt?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Sat Aug 12 16:10:37 +0000 2023`: tweets, the year last. */
const TWEET_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2})(\d{2}) (\d{4})$/;
/** `2013-11-28 13:37:46 +0000`: the older Grailbird archives. */
const LEGACY_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2})(\d{2})$/;

/**
 * Reads the timestamps a Twitter archive holds (tweet `created_at`, the legacy form, and the
 * ISO-8601 instants of messages and accounts) as UTC. Returns undefined for anything else,
 * including days that do not exist, so the record is rejected rather than misdated.
 */
export function parseTwitterDate(text: string): TwitterInstant | undefined {
  const tweet = TWEET_DATE.exec(text);
  if (tweet) {
    const [, month = '', day, hour, minute, second, offsetHours, offsetMinutes, year] = tweet;
    const fields = [year, MONTHS.indexOf(month) + 1, day, hour, minute, second, offsetHours, offsetMinutes];
    return fromFields(text, fields.map(Number) as DateFields);
  }
  const legacy = LEGACY_DATE.exec(text);
  if (legacy) return fromFields(text, legacy.slice(1).map(Number) as DateFields);
  const iso = parseInstant(text);
  if (!iso) return undefined;
  return iso.iso === text ? { at: iso.iso, time: iso.time } : { at: iso.iso, time: iso.time, rawAt: text };
}

/** Year, month (1-12), day, hour, minute, second, offset hours (signed, -0 for `-0030`) and offset minutes. */
type DateFields = [number, number, number, number, number, number, number, number];

function fromFields(
  text: string,
  [year, month, day, hour, minute, second, offsetHours, offsetMinutes]: DateFields,
): TwitterInstant | undefined {
  if (month < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 30 February over into March; a real day keeps its day of the month.
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offsetSign = offsetHours < 0 || Object.is(offsetHours, -0) ? -1 : 1;
  const time = local - offsetSign * (Math.abs(offsetHours) * 60 + offsetMinutes) * 60_000;
  return { at: new Date(time).toISOString().replace('.000Z', 'Z'), time, rawAt: text };
}

/** The time fields of a signal: `at`, and `rawAt` when the archive wrote it differently. */
export function signalTime(instant: TwitterInstant): { at: string; rawAt?: string } {
  return instant.rawAt === undefined ? { at: instant.at } : { at: instant.at, rawAt: instant.rawAt };
}
