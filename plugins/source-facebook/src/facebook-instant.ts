/** A timestamp read from the export: the UTC instant, and the number as the file wrote it. */
export interface FacebookInstant {
  readonly at: string;
  readonly rawAt: string;
}

/** 1990 to 2100 in seconds: anything outside is not a Facebook time (a millisecond value, a typo). */
const EARLIEST_SECONDS = 631_152_000;
const LATEST_SECONDS = 4_102_444_800;

/**
 * Reads a Facebook timestamp: unix seconds (`timestamp`, `creation_timestamp`) or milliseconds
 * (`timestamp_ms`), always UTC. Returns a reason instead when the value is not such a number.
 */
export function facebookInstant(value: unknown, unit: 'seconds' | 'milliseconds'): FacebookInstant | string {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `expected unix ${unit} as a whole number, received ${value === undefined ? 'nothing' : JSON.stringify(value)}`;
  }
  const millis = unit === 'seconds' ? value * 1000 : value;
  if (millis < EARLIEST_SECONDS * 1000 || millis > LATEST_SECONDS * 1000) {
    return `expected unix ${unit} between 1990 and 2100, received ${value}`;
  }
  return { at: isoInstant(millis), rawAt: String(value) };
}

/** The interchange form of an instant: milliseconds only when there are some. */
export function isoInstant(millis: number): string {
  return new Date(millis).toISOString().replace('.000Z', 'Z');
}
