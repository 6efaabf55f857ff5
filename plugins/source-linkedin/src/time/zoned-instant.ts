const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at `time`, in milliseconds. */
function offsetAt(time: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(time)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wall - (time - (((time % 1000) + 1000) % 1000));
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which the wall clock of `timeZone` shows `wall` (given as if it were UTC, in
 * milliseconds). Follows Temporal's `compatible` rule at daylight-saving changes: a time that
 * happens twice (clocks going back) is the earlier one; a time that never happens (clocks going
 * forward) moves forward by the gap, as a person setting a clock by hand would read it.
 */
export function zonedInstant(wall: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return wall;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  let best: number | undefined;
  for (const candidate of [wall - before, wall - after]) {
    if (candidate + offsetAt(candidate, timeZone) === wall && (best === undefined || candidate < best)) best = candidate;
  }
  return best ?? wall - before;
}
