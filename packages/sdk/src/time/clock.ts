/** Where time comes from. Logic never calls `Date.now()` itself, so tests can be exact. */
export const Clock = Symbol.for('handshake.Clock');
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, abort?: AbortSignal): Promise<void>;
}

function abortError(abort: AbortSignal): unknown {
  return abort.reason ?? new Error('aborted');
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, abort) {
    return new Promise((resolve, reject) => {
      if (abort?.aborted) return reject(abortError(abort));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(abort as AbortSignal));
      };
      const timer = setTimeout(
        () => {
          abort?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      abort?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/**
 * A clock stopped at one instant for judging (a demo, a reproducible report), while waits still
 * take real time.
 */
export function fixedClock(time: number): Clock {
  return { now: () => time, sleep: (ms, abort) => systemClock.sleep(ms, abort) };
}

interface Sleeper {
  readonly wakeAt: number;
  readonly resolve: () => void;
}

/** A clock that moves only when told to: for tests of schedules, backoff and decay. */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: number | string | Date = 0) {
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  /** How many sleeps are waiting; lets a test wait until code under test is asleep. */
  get pendingSleeps(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, abort?: AbortSignal): Promise<void> {
    if (abort?.aborted) return Promise.reject(abortError(abort));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { wakeAt: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      abort?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(abortError(abort));
        },
        { once: true },
      );
    });
  }

  /** Moves time forward and wakes every sleep that is due, in the order they are due. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  set(time: number): void {
    this.current = time;
    const due = this.sleepers.filter((s) => s.wakeAt <= time).sort((a, b) => a.wakeAt - b.wakeAt);
    this.sleepers = this.sleepers.filter((s) => s.wakeAt > time);
    for (const sleeper of due) sleeper.resolve();
  }
}
