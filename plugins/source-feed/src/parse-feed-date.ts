/**
 * Reads the dates feeds carry into a UTC instant in the interchange form (`2026-01-02T03:04:05Z`,
 * milliseconds only when not zero). Returns undefined for text it cannot read with certainty:
 * `Date.parse` is never used, because it reads zone-less text in the machine's local time and
 * accepts different things on different engines.
 *
 * Read: RFC 3339 / ISO 8601 (`T` or a space, 0 to 9 fractional digits, `Z` or an offset, and no
 * zone at all, taken as UTC as JSON Feeds in the wild mean it), a bare `YYYY-MM-DD`, RFC 822/2822
 * (`Fri, 12 May 2017 19:40:53 +0530`, `UTC`/`GMT`/US zones, 2-digit years, `1500` for `15:00`,
 * no seconds, month names in English and the usual European languages), and the asctime-like
 * `Tue Aug 30 14:33:11 UTC 2022`.
 */
export function parseFeedDate(raw: string): string | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  return readIso(text) ?? readRfc822(text) ?? readAsctime(text);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)? ?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** `(day,)? DD Mon YY(YY) HH:MM(:SS)? zone?`; the weekday is ignored, it only repeats the date. */
const RFC822 =
  /^(?:[^\d\s,]+\.?,? ?)?(\d{1,2})[ -]([^\d\s.,-]+)\.?[ -](\d{2}|\d{4})(?:,? (\d{1,2}):?(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?(?: ?([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?(?: \([^)]*\))?$/;

const ASCTIME = /^[A-Za-z]{3},? ([A-Za-z]{3,9}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (?:([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}) )?(\d{4})$/;

/** Offsets in minutes east of UTC, for the zone names RFC 822 allows plus a few that feeds use. */
const ZONES: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  WET: 0,
  WEST: 60,
  JST: 540,
};

/**
 * Month names by their first three letters (accents removed) in English, Portuguese, Spanish,
 * Italian, German and French: feeds written by hand or by local CMSes use their own language
 * (`Seg, 24 Set 2018` in a Brazilian feed). `jui` is French and ambiguous, so it is read whole.
 */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  ene: 1,
  gen: 1,
  feb: 2,
  fev: 2,
  mar: 3,
  mae: 3,
  apr: 4,
  abr: 4,
  avr: 4,
  may: 5,
  mai: 5,
  mag: 5,
  jun: 6,
  giu: 6,
  jul: 7,
  lug: 7,
  aug: 8,
  ago: 8,
  aou: 8,
  sep: 9,
  set: 9,
  oct: 10,
  out: 10,
  okt: 10,
  ott: 10,
  nov: 11,
  dec: 12,
  dez: 12,
  dic: 12,
};

function monthNumber(name: string): number | undefined {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (plain === 'juin') return 6;
  if (plain === 'juil' || plain === 'juillet') return 7;
  if (plain.startsWith('jui')) return undefined;
  return MONTHS[plain.slice(0, 3)];
}

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const sign = zone[0];
  if (sign === '+' || sign === '-') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return ZONES[zone.toUpperCase()];
}

function readIso(text: string): string | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const offset = zoneOffset(zone);
  if (offset === undefined) return undefined;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return instant(Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), millis, offset);
}

function readRfc822(text: string): string | undefined {
  const match = RFC822.exec(text);
  if (!match) return undefined;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const month = monthNumber(monthName as string);
  const offset = zoneOffset(zone);
  if (month === undefined || offset === undefined) return undefined;
  return instant(fullYear(yearText as string), month, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), 0, offset);
}

function readAsctime(text: string): string | undefined {
  const match = ASCTIME.exec(text);
  if (!match) return undefined;
  const [, monthName, day, hour, minute, second, zone, year] = match;
  const month = monthNumber(monthName as string);
  const offset = zoneOffset(zone);
  if (month === undefined || offset === undefined) return undefined;
  return instant(Number(year), month, Number(day), Number(hour), Number(minute), Number(second), 0, offset);
}

/** RFC 2822 §4.3: a 2-digit year below 50 is in the 2000s, from 50 on in the 1900s. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offset: number) {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  // Years before 1000 are typos, and Date.UTC would read 0-99 as 1900-1999.
  if (year < 1000 || monthDays === undefined || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 60) return undefined;
  // A leap second (:60) is kept inside its minute: JavaScript time has no room for it.
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offset * 60_000;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
