const DAY_MS = 86_400_000;

/** Exponential decay: 1 now, 0.5 after one half-life, 0.25 after two. Future instants count as now. */
export function decay(ageMs: number, halfLifeMs: number): number {
  if (ageMs <= 0) return 1;
  return 2 ** (-ageMs / halfLifeMs);
}

/** Whole days from `then` to `now`, rounded down. */
export function daysBetween(then: number, now: number): number {
  return Math.floor((now - then) / DAY_MS);
}

/** The UTC calendar day of an instant, `2026-01-02`, for sentences a person reads. */
export function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export { DAY_MS };
