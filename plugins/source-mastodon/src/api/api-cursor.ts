import type { ListPosition } from './list-pages.js';

/**
 * Where a read of the REST API stands: the position of every list it has read, keyed by
 * `<instance origin> <actor URI> <list>` (a list's cursors mean something only on the instance that
 * gave them). Committed with each page, so a stopped read resumes after its last page.
 */
export interface ApiCursor {
  readonly lists: Readonly<Record<string, ListPosition>>;
}

export function formatApiCursor(lists: ReadonlyMap<string, ListPosition>): string {
  return JSON.stringify({ lists: Object.fromEntries(lists) } satisfies ApiCursor);
}

function isPosition(value: unknown): value is ListPosition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, field]) => ['since', 'top', 'next'].includes(key) && typeof field === 'string');
}

/** The positions of a cursor this source wrote; anything else starts every list afresh, which stores nothing twice. */
export function parseApiCursor(text: string | undefined): Map<string, ListPosition> {
  if (text === undefined) return new Map();
  try {
    const value = JSON.parse(text) as Partial<ApiCursor>;
    if (typeof value.lists === 'object' && value.lists !== null)
      return new Map(Object.entries(value.lists).filter((entry): entry is [string, ListPosition] => isPosition(entry[1])));
  } catch {
    // A cursor this source did not write.
  }
  return new Map();
}
