const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

export const DURATION_HINT = 'a duration such as 90s, 30m, 12h or 180d';

/** Whether `text` is a duration like `90s`, `30m`, `12h`, `180d` or `1h30m`. */
export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text.trim());
}

/** Parses `90s`, `30m`, `12h`, `180d`, `2w`, `500ms` or combinations like `1h30m` into milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!DURATION_PATTERN.test(trimmed)) {
    throw new RangeError(`"${text}" is not ${DURATION_HINT}`);
  }
  let total = 0;
  for (const match of trimmed.matchAll(PART_PATTERN)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Math.round(total);
}

/** Formats milliseconds in the largest whole units, such as `3d` or `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] as number;
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
