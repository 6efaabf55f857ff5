import type { EndpointState, PendingSegment, StopMarker } from './appview-cursor.js';

/** Keys kept in a stop marker: enough that one unfollow or deletion does not lose the place. */
const STOP_KEYS = 5;
/** Stretches kept for later polls; past this the oldest is given up (a list that grows faster than it is read). */
const MAX_PENDING = 16;

/** A stretch being read in this poll; the head (the top of the list) has no cursor. */
export interface Segment {
  readonly cursor: string | undefined;
  readonly stop?: StopMarker;
}

/** An item of a page, as the stop test sees it. */
export interface OrderedItem {
  readonly key: string | undefined;
  readonly time: number | undefined;
  /** Shown out of order (a pinned post): never a stop, never a marker. */
  readonly outOfOrder: boolean;
}

/**
 * Where one newest-first list stands during a poll: the stretches left to read, first the head (from the
 * top down to what the last poll saw first), then those earlier polls left at their page limit. After each
 * page it gives the state to store with that page's signals, so a run stopped anywhere resumes without a gap.
 */
export class ListProgress {
  private stop: StopMarker | undefined;
  private readonly segments: Segment[];
  /** Whether the head's first page was read: only that page moves `stop` forward. */
  private headStarted = false;

  constructor(state: EndpointState | undefined) {
    this.stop = state?.stop;
    this.segments = [{ cursor: undefined, ...(state?.stop ? { stop: state.stop } : {}) }, ...(state?.pending ?? [])];
  }

  /** The stretch to read next, if any. */
  get current(): Segment | undefined {
    return this.segments[0];
  }

  /** How many leading items of a page are new: the items before the first one the current stretch stops at. */
  freshCount(items: readonly OrderedItem[]): { fresh: number; reachedStop: boolean } {
    const stop = this.current?.stop;
    if (stop === undefined) return { fresh: items.length, reachedStop: false };
    for (const [index, item] of items.entries()) {
      if (item.outOfOrder) continue;
      const seen = item.key !== undefined && stop.keys.includes(item.key);
      const older = stop.time !== undefined && item.time !== undefined && item.time < stop.time;
      if (seen || older) return { fresh: index, reachedStop: true };
    }
    return { fresh: items.length, reachedStop: false };
  }

  /**
   * Records a page of the current stretch: its new items, whether it reached the stop, and the cursor of the
   * page after it (undefined at the end of the list). On the head's first page the newest items become the
   * stop of the next poll.
   */
  pageRead(fresh: readonly OrderedItem[], reachedStop: boolean, next: string | undefined): void {
    const segment = this.segments[0];
    if (segment === undefined) return;
    if (segment.cursor === undefined && !this.headStarted) {
      this.headStarted = true;
      const ordered = fresh.filter((item) => !item.outOfOrder);
      const newest = ordered[0];
      if (newest !== undefined) {
        const keys = [...ordered.map((item) => item.key), ...(this.stop?.keys ?? [])].filter((key): key is string => key !== undefined);
        this.stop = { keys: [...new Set(keys)].slice(0, STOP_KEYS), ...(newest.time === undefined ? {} : { time: newest.time }) };
      }
    }
    if (reachedStop || next === undefined) this.segments.shift();
    else this.segments[0] = { cursor: next, ...(segment.stop ? { stop: segment.stop } : {}) };
  }

  /** The current stretch ended without a page to show for it (an empty page that still named a cursor). */
  segmentEnded(): void {
    this.segments.shift();
  }

  /** What to store: the stop for the next head, and every stretch begun but not finished. */
  state(): EndpointState {
    const pending: PendingSegment[] = this.segments.flatMap((segment) =>
      segment.cursor === undefined ? [] : [{ cursor: segment.cursor, ...(segment.stop ? { stop: segment.stop } : {}) }],
    );
    return { ...(this.stop ? { stop: this.stop } : {}), pending: pending.slice(0, MAX_PENDING) };
  }

  /** Whether stretches were dropped past the limit, to say so in the log. */
  get dropped(): number {
    return Math.max(0, this.segments.filter((segment) => segment.cursor !== undefined).length - MAX_PENDING);
  }
}
