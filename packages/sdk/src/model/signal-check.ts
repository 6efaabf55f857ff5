import type { IdentityRef } from './identity.js';
import { isSignalKind, type Signal, type SignalObject } from './signal.js';

export type SignalCheck =
  | { readonly ok: true; readonly signal: Signal; readonly time: number }
  | { readonly ok: false; readonly reason: string };

/** A UTC instant as the interchange format writes it; kept as given. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
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
  return { network, id };
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
  const instant = parseInstant(at);
  if (instant === undefined) return fail(`at: expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, received ${JSON.stringify(at)}`);
  let rawAt: string | undefined;
  if (raw.rawAt !== undefined) {
    if (typeof raw.rawAt !== 'string') return fail(`rawAt: expected a string, received ${describe(raw.rawAt)}`);
    rawAt = raw.rawAt;
  } else if (instant.iso !== at) {
    rawAt = at;
  }
  const time = instant.time;
  const iso = instant.iso;
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
  if (CANONICAL_INSTANT.test(text)) {
    const time = Date.parse(text);
    return isRealDay(time, text) ? { time, iso: text } : undefined;
  }
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

/** Date.parse rolls 30 February over into March; a real day keeps its day of the month. */
function isRealDay(time: number, text: string): boolean {
  return !Number.isNaN(time) && new Date(time).getUTCDate() === Number(text.slice(8, 10));
}
