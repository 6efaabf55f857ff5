import { Cron } from 'croner';

/** When a source polls: every so often with jitter, on a cron expression, or once at start. */
export interface SourceSchedule {
  /** Milliseconds from `now` to the next poll, or undefined when the source polls only once. */
  nextDelay(now: number): number | undefined;
  describe(): string;
}

/** Jitter spreads sources that share an interval, up to a tenth of it and at most a minute. */
const JITTER_SHARE = 0.1;
const MAX_JITTER_MS = 60_000;

export function scheduleFor(entry: { every?: number; cron?: string }, random: () => number = Math.random): SourceSchedule {
  if (entry.every !== undefined) {
    const every = entry.every;
    return {
      nextDelay: () => every + Math.floor(random() * Math.min(every * JITTER_SHARE, MAX_JITTER_MS)),
      describe: () => `every ${every / 1000}s`,
    };
  }
  if (entry.cron !== undefined) {
    const cron = new Cron(entry.cron, { paused: true });
    return {
      nextDelay: (now) => {
        const next = cron.nextRun(new Date(now));
        return next ? Math.max(0, next.getTime() - now) + Math.floor(random() * 1000) : undefined;
      },
      describe: () => `cron "${entry.cron}"`,
    };
  }
  return { nextDelay: () => undefined, describe: () => 'once, at start' };
}
