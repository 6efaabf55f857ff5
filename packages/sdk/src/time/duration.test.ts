import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads the units a config uses, alone and combined', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('180d')).toBe(15_552_000_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
  });

  it('rejects text that is not a duration, saying what a duration looks like', () => {
    expect(() => parseDuration('soon')).toThrow('"soon" is not a duration such as 90s, 30m, 12h or 180d');
    expect(() => parseDuration('30')).toThrow();
    expect(() => parseDuration('-5m')).toThrow();
  });

  it('formats in whole units', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(86_400_000 * 3)).toBe('3d');
  });
});
