import type { Clock } from '@handshake/sdk';

/**
 * When an account's events may be asked for again: GitHub's `X-Poll-Interval` (60 s, more under load).
 * Kept in memory for the life of the source, which is the daemon's: a one-shot run is spaced by its user, and
 * the interval is a courtesy to the API, not a fact worth a cursor change on every 304.
 */
export class PollSchedule {
  private readonly notBefore = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Whether the interval GitHub asked for has passed. */
  due(key: string): boolean {
    return (this.notBefore.get(key) ?? Number.NEGATIVE_INFINITY) <= this.clock.now();
  }

  /** Records the `X-Poll-Interval` of an answer, in seconds; an answer without one leaves no wait. */
  answered(key: string, interval: string | undefined): void {
    const seconds = Number(interval);
    if (interval === undefined || !Number.isFinite(seconds) || seconds <= 0) this.notBefore.delete(key);
    else this.notBefore.set(key, this.clock.now() + seconds * 1000);
  }
}
