import { zonedInstant } from './zoned-instant.js';

/** A timestamp of the export as a UTC instant, with the wall-clock form ids are built from. */
export interface ParsedDate {
  /** ISO-8601 instant in UTC, `2022-08-26T20:56:00Z`. */
  readonly at: string;
  /**
   * The date and time as written, `2022-08-26 20:56:00`, before any zone is applied: the same for
   * `09 Sep 2022` and its Excel re-save `9-Sep-22`, and unchanged by the `timeZone` option.
   */
  readonly local: string;
}

export type DateResult = ({ readonly ok: true } & ParsedDate) | { readonly ok: false; readonly reason: string };

type Order = 'dmy' | 'mdy' | 'ymd';

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text names a zone; undefined for a wall-clock time. */
  offset: number | undefined;
  /** For an all-numeric date read in the locale's order, that order: a bad month may mean the wrong locale. */
  order?: Order;
}

/** `2022-09-08 18:08:14 UTC`, `2020/06/09 00:53:47 UTC`, `2022-09-08 04:10:18`, `2022-09-08T18:08:14Z`. */
const YEAR_FIRST =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;
/** `09 Sep 2022`, and `9-Sep-22` after an Excel re-save. */
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]+([\p{L}.]+)[\s-]+(\d{4}|\d{2})$/u;
/** `Sep 9, 2022`. */
const MONTH_NAME_DAY = /^([\p{L}.]+)\s+(\d{1,2}),?\s+(\d{4})$/u;
/** `8/26/22, 8:56 PM` (en-US), `26/08/2022, 20:56` (en-GB), `26.08.22, 20:56` (de-DE). */
const NUMERIC = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\.?(?:,?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?\s*m\.?)?)?$/i;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads every timestamp form a LinkedIn export uses. Numeric dates are read in the export's
 * locale order (M/D/Y for en-US, D/M/Y for en-GB), because `8/6/22` alone cannot say; times
 * without a zone are taken in `timeZone`.
 */
export class LinkedinDateParser {
  private readonly order: Order;
  private readonly months: ReadonlyMap<string, number>;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
  ) {
    this.order = numericOrder(locale);
    this.months = monthNames(locale);
  }

  parse(raw: string): DateResult {
    const text = raw.trim();
    if (text === '') return { ok: false, reason: 'no date' };
    const fields = this.fields(text);
    if (typeof fields === 'string') return { ok: false, reason: fields };
    const problem = checkFields(fields, this.locale);
    if (problem !== undefined) return { ok: false, reason: problem };
    const local = `${fields.year}-${pad(fields.month)}-${pad(fields.day)} ${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
    // A UTC time (every message) is its own instant: no Date to build, which counts on 100 MB of messages.
    if (fields.offset === 0 || (fields.offset === undefined && UTC_ZONES.has(this.timeZone))) {
      return { ok: true, at: `${local.slice(0, 10)}T${local.slice(11)}Z`, local };
    }
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    const time = fields.offset === undefined ? zonedInstant(wall, this.timeZone) : wall - fields.offset * 60_000;
    return { ok: true, at: new Date(time).toISOString().replace('.000Z', 'Z'), local };
  }

  private fields(text: string): Fields | string {
    let match = YEAR_FIRST.exec(text);
    if (match) {
      const [, year, month, day, hour, minute, second, zone] = match;
      return { year: Number(year), month: Number(month), day: Number(day), ...time(hour, minute, second), offset: zoneOffset(zone) };
    }
    match = DAY_MONTH_NAME.exec(text);
    if (match) return this.named(match[1] as string, match[2] as string, match[3] as string, text);
    match = MONTH_NAME_DAY.exec(text);
    if (match) return this.named(match[2] as string, match[1] as string, match[3] as string, text);
    match = NUMERIC.exec(text);
    if (match) {
      const [, first, second, third, hour, minute, seconds, meridiem] = match as unknown as [
        string,
        string,
        string,
        string,
        ...(string | undefined)[],
      ];
      const order: Order = first.length === 4 ? 'ymd' : this.order;
      const [year, month, day] =
        order === 'ymd' ? [first, second, third] : order === 'mdy' ? [third, first, second] : [third, second, first];
      const clock = time(hour, minute, seconds);
      if (meridiem !== undefined) {
        if (clock.hour < 1 || clock.hour > 12) return `hour ${clock.hour} with ${meridiem.toUpperCase()}M`;
        clock.hour = (clock.hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
      }
      return { year: fullYear(year), month: Number(month), day: Number(day), ...clock, offset: undefined, order };
    }
    return 'not a date LinkedIn writes (such as 09 Sep 2022, 2022-09-08 18:08:14 UTC or 8/26/22, 8:56 PM)';
  }

  private named(day: string, monthName: string, year: string, text: string): Fields | string {
    const month = this.months.get(monthKey(monthName));
    if (month === undefined) return `unknown month name "${monthName}" in "${text}"`;
    return { year: fullYear(year), month, day: Number(day), hour: 0, minute: 0, second: 0, offset: undefined };
  }
}

const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC']);

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function time(hour: string | undefined, minute: string | undefined, second: string | undefined) {
  return { hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) };
}

/** LinkedIn started in 2003: a two-digit year is this century's. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? 2000 + year : year;
}

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (/^(UTC|GMT|Z)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function checkFields(fields: Fields, locale: string): string | undefined {
  const { year, month, day, hour, minute, second, order } = fields;
  if (month < 1 || month > 12) {
    const swapped = (order === 'mdy' || order === 'dmy') && day >= 1 && day <= 12;
    const hint = swapped
      ? ` (read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'} for locale ${locale}; if the export writes ${order === 'mdy' ? 'day/month/year, set locale to en-GB' : 'month/day/year, set locale to en-US'})`
      : '';
    return `month ${month} is out of range${hint}`;
  }
  if (day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 31) || (month === 2 && day === 29 && !isLeapYear(year))) {
    return `day ${day} does not exist in month ${month} of ${year}`;
  }
  if (year < 1970 || year > 2200) return `year ${year} is out of range`;
  if (hour > 23 || minute > 59 || second > 59) return `time ${hour}:${minute}:${second} is out of range`;
  return undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The order of day, month and year in the locale's short numeric dates. */
function numericOrder(locale: string): Order {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).formatToParts(
    Date.UTC(2001, 1, 3),
  );
  const order = parts
    .filter((part) => part.type === 'year' || part.type === 'month' || part.type === 'day')
    .map((part) => part.type[0])
    .join('');
  return order === 'dmy' || order === 'ymd' ? order : 'mdy';
}

function monthKey(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** English month names (LinkedIn writes them whatever the locale) and the locale's own. */
function monthNames(locale: string): ReadonlyMap<string, number> {
  const names = new Map<string, number>();
  for (const language of ['en-US', 'en-GB', locale]) {
    for (const month of ['short', 'long'] as const) {
      const format = new Intl.DateTimeFormat(language, { month, timeZone: 'UTC' });
      for (let index = 0; index < 12; index++) {
        const key = monthKey(format.format(Date.UTC(2001, index, 15)));
        if (!names.has(key)) names.set(key, index + 1);
      }
    }
  }
  if (!names.has('sept')) names.set('sept', 9);
  return names;
}
