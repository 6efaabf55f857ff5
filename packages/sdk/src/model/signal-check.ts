import type { IdentityRef } from './identity.js';
import { isSignalKind, type Signal, type SignalObject } from './signal.js';

export type SignalCheck =
  | { readonly ok: true; readonly signal: Signal; readonly time: number }
  | { readonly ok: false; readonly reason: string };

/** Any ISO-8601 instant with a zone: normalized to UTC, the original kept as `rawAt`. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;
const OUTCOMES: ReadonlySet<string> = new Set(['asked', 'made', 'declined', 'no-answer']);

function fail(reason: string): SignalCheck {
  return { ok: false, reason };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function checkIdentity(value: unknown, field: string): IdentityRef | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field}: expected an object {network, id}, received ${describe(value)}`;
  }
  const { network, id } = value as Record<string, unknown>;
  if (typeof network !== 'string' || network === '') return `${field}.network: expected a non-empty string, received ${describe(network)}`;
  if (typeof id !== 'string' || id === '') return `${field}.id: expected a non-empty string, received ${describe(id)}`;
  // Kept as given rather than copied: this runs twice per signal on the ingest path.
  return value as IdentityRef;
}

function checkStrings(value: unknown, field: string): readonly string[] | string {
  if (!Array.isArray(value)) return `${field}: expected an array of strings, received ${describe(value)}`;
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') return `${field}[${i}]: expected a string, received ${describe(value[i])}`;
  }
  return value as string[];
}

function checkObject(value: unknown): SignalObject | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `object: expected an object, received ${describe(value)}`;
  const raw = value as Record<string, unknown>;
  const object: { -readonly [K in keyof SignalObject]: SignalObject[K] } = {};
  for (const field of ['url', 'text'] as const) {
    const text = raw[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') return `object.${field}: expected a string, received ${describe(text)}`;
    object[field] = text;
  }
  for (const field of ['topics', 'links'] as const) {
    if (raw[field] === undefined) continue;
    const list = checkStrings(raw[field], `object.${field}`);
    if (typeof list === 'string') return list;
    object[field] = list;
  }
  if (raw.about !== undefined) {
    const about = checkIdentity(raw.about, 'object.about');
    if (typeof about === 'string') return about;
    object.about = about;
  }
  if (raw.outcome !== undefined) {
    if (typeof raw.outcome !== 'string' || !OUTCOMES.has(raw.outcome)) {
      return `object.outcome: expected one of asked, made, declined, no-answer, received ${JSON.stringify(raw.outcome)}`;
    }
    object.outcome = raw.outcome as SignalObject['outcome'];
  }
  if (raw.participants !== undefined) {
    if (typeof raw.participants !== 'number' || !Number.isInteger(raw.participants) || raw.participants < 1) {
      return `object.participants: expected a positive integer, received ${JSON.stringify(raw.participants)}`;
    }
    object.participants = raw.participants;
  }
  return object;
}

/**
 * Checks a value against the signal interchange format and normalizes it: `at` becomes a UTC
 * instant (the original text kept in `rawAt` when it differs). Hand-written rather than a zod
 * schema because it runs once per signal on the ingest path.
 */
export function checkSignal(value: unknown): SignalCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`expected a signal object, received ${describe(value)}`);
  const raw = value as Record<string, unknown>;
  const { id, network, kind, at } = raw;
  if (typeof id !== 'string' || id === '') return fail(`id: expected a non-empty string, received ${describe(id)}`);
  if (typeof network !== 'string' || network === '') return fail(`network: expected a non-empty string, received ${describe(network)}`);
  if (!isSignalKind(kind)) return fail(`kind: unknown signal kind ${JSON.stringify(kind)}`);
  const actor = checkIdentity(raw.actor, 'actor');
  if (typeof actor === 'string') return fail(actor);
  const subject = checkIdentity(raw.subject, 'subject');
  if (typeof subject === 'string') return fail(subject);
  if (typeof at !== 'string') return fail(`at: expected an ISO-8601 instant, received ${describe(at)}`);
  let time = canonicalUtcTime(at);
  let iso = at;
  if (Number.isNaN(time)) {
    const instant = parseInstant(at);
    if (instant === undefined) return fail(`at: expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, received ${JSON.stringify(at)}`);
    time = instant.time;
    iso = instant.iso;
  }
  let rawAt: string | undefined;
  if (raw.rawAt !== undefined) {
    if (typeof raw.rawAt !== 'string') return fail(`rawAt: expected a string, received ${describe(raw.rawAt)}`);
    rawAt = raw.rawAt;
  } else if (iso !== at) {
    rawAt = at;
  }
  let object: SignalObject | undefined;
  if (raw.object !== undefined && raw.object !== null) {
    const checked = checkObject(raw.object);
    if (typeof checked === 'string') return fail(checked);
    object = checked;
  }
  const signal: Signal = { id, network, kind, actor, subject, at: iso };
  if (rawAt !== undefined) (signal as { rawAt?: string }).rawAt = rawAt;
  if (typeof raw.source === 'string') (signal as { source?: string }).source = raw.source;
  if (object !== undefined) (signal as { object?: SignalObject }).object = object;
  return { ok: true, signal, time };
}

/**
 * Reads an ISO-8601 instant with a zone. A UTC instant in the interchange form is kept as
 * given (the hot path); any other form, such as an offset or nanoseconds, becomes its UTC form.
 */
export function parseInstant(text: string): { time: number; iso: string } | undefined {
  const canonical = canonicalUtcTime(text);
  if (!Number.isNaN(canonical)) return { time: canonical, iso: text };
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [, dateTime, fraction, zone] = match as unknown as [string, string, string | undefined, string];
  const millis = fraction === undefined ? '' : `.${fraction.slice(0, 3).padEnd(3, '0')}`;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const local = `${dateTime}${millis}`;
  const time = Date.parse(`${local}${offset}`);
  if (!isRealDay(Date.parse(`${local}Z`), local)) return undefined;
  return { time, iso: new Date(time).toISOString().replace('.000Z', 'Z') };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z`, the interchange form, or NaN for any
 * other text. Hand-written because it runs for every signal: no regex, no Date object.
 */
export function canonicalUtcTime(text: string): number {
  const length = text.length;
  if (length < 20 || length > 24 || text.charCodeAt(length - 1) !== 90 /* Z */) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let millis = 0;
  if (length > 20) {
    if (text[19] !== '.' || length === 21) return Number.NaN;
    const fraction = digits(text, 20, length - 21);
    millis = fraction * 10 ** (3 - (length - 21));
  }
  if (!(month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && day >= 1)) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return Number.NaN;
  // Days from the civil date (Howard Hinnant's algorithm), so no Date object is built.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
}

/** Date.parse rolls 30 February over into March; a real day keeps its day of the month. */
function isRealDay(time: number, text: string): boolean {
  return !Number.isNaN(time) && new Date(time).getUTCDate() === Number(text.slice(8, 10));
}
