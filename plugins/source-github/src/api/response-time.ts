import type { Clock, HttpResponse } from '@handshake/sdk';

/** A signal's time: the UTC instant and the text it was read from. */
export interface ObservedTime {
  readonly at: string;
  readonly rawAt?: string;
}

/**
 * When GitHub answered, from the response's `Date` header: the time of facts GitHub gives no date
 * for (a follow in a list, a contributor). It is the API's own clock, not the import's; the facts carry ids
 * of their own, so a fact read again later keeps the time it was first stored with. Only an answer with no
 * usable Date falls back to the injected clock.
 */
export function responseTime(response: HttpResponse, clock: Clock): ObservedTime {
  const header = response.headers.date;
  const time = header === undefined ? Number.NaN : Date.parse(header);
  if (Number.isNaN(time)) return { at: isoSeconds(clock.now()) };
  return { at: isoSeconds(time), rawAt: header as string };
}

function isoSeconds(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
