import type { ManualClock } from '@handshake/sdk';
import type { RecordingLogger } from './recording-logger.js';

/** The log messages the SDK's HTTP client writes just before it sleeps on its clock, with the field that holds the wait. */
const WAITS: Readonly<Record<string, string>> = { 'http retry': 'delayMs', 'rate limit wait': 'waitMs' };

export interface AdvanceThroughWaitsOptions {
  readonly clock: ManualClock;
  /** The logger the client writes to. */
  readonly logger: RecordingLogger;
  /** Real milliseconds to wait for the client to reach its next wait or finish. Default 5000. */
  readonly patienceMs?: number;
}

/** What happened while the clock was driven. */
export interface Advanced<T> {
  readonly value?: T;
  readonly error?: unknown;
  /** Each wait the client slept through, in milliseconds of the clock, in order. */
  readonly waits: readonly number[];
}

/**
 * Settles a promise from code that uses the SDK's HTTP client on a ManualClock: each time the client logs
 * that it is about to sleep (a retry backoff, a rate-limit wait), moves the clock forward by exactly that
 * long. Nothing sleeps for real, and the test can assert every wait.
 */
export async function advanceThroughWaits<T>(promise: Promise<T>, options: AdvanceThroughWaitsOptions): Promise<Advanced<T>> {
  const { clock, logger } = options;
  const patienceMs = options.patienceMs ?? 5000;
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => {
      outcome = { value };
    },
    (error: unknown) => {
      outcome = { error };
    },
  );
  const waitLines = () => logger.lines.filter((line) => line.message !== undefined && line.message in WAITS);
  let handled = waitLines().length;
  const waits: number[] = [];
  for (;;) {
    const deadline = performance.now() + patienceMs;
    while (outcome === undefined && waitLines().length <= handled) {
      if (performance.now() > deadline) throw new Error(`advanceThroughWaits: no wait and no result within ${patienceMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (outcome !== undefined) return { ...outcome, waits };
    const line = waitLines()[handled++];
    const field = WAITS[line?.message ?? ''] ?? '';
    const ms = Number(line?.fields[field] ?? 0);
    waits.push(ms);
    // The client calls clock.sleep right after it logs, in the same tick, so the sleep is already pending.
    clock.advance(ms);
  }
}
