import { describe, expect, it } from 'vitest';
import { parseReset, parseRetryAfter, readRateLimit } from './read-rate-limit.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('readRateLimit', () => {
  it('reads X x-rate-limit-* with an epoch-seconds reset', () => {
    const reading = readRateLimit(
      { 'x-rate-limit-limit': '15', 'x-rate-limit-remaining': '14', 'x-rate-limit-reset': '1618286773' },
      200,
      NOW,
    );
    expect(reading).toEqual({ limit: 15, remaining: 14, resetAt: 1_618_286_773_000, retryAt: undefined, limited: false });
  });

  it('reads a Mastodon ISO-8601 reset with microseconds', () => {
    expect(readRateLimit({ 'x-ratelimit-reset': '2026-08-01T13:50:00.523287Z' }, 200, NOW).resetAt).toBe(
      Date.parse('2026-08-01T13:50:00.523Z'),
    );
  });

  it('reads IETF RateLimit-Reset as delta seconds, and as epoch seconds when it is one (Bluesky)', () => {
    expect(readRateLimit({ 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }, 200, NOW).resetAt).toBe(NOW + 30_000);
    expect(readRateLimit({ 'ratelimit-reset': String(NOW / 1000 + 300) }, 200, NOW).resetAt).toBe(NOW + 300_000);
  });

  it('reads the structured RateLimit field of the later drafts', () => {
    expect(readRateLimit({ ratelimit: '"default";r=3;t=12' }, 200, NOW)).toMatchObject({ remaining: 3, resetAt: NOW + 12_000 });
    expect(readRateLimit({ ratelimit: 'limit=100, remaining=0, reset=5' }, 200, NOW)).toMatchObject({ remaining: 0, resetAt: NOW + 5_000 });
  });

  it('reads the first value of a draft-01 limit list', () => {
    expect(readRateLimit({ 'ratelimit-limit': '100, 100;w=60' }, 200, NOW).limit).toBe(100);
  });

  it("marks 429, and GitHub's 403 with no budget left or a Retry-After, as rate limits; a plain 403 is a refusal", () => {
    expect(readRateLimit({}, 429, NOW).limited).toBe(true);
    expect(readRateLimit({ 'x-ratelimit-remaining': '0' }, 403, NOW).limited).toBe(true);
    expect(readRateLimit({ 'retry-after': '60' }, 403, NOW)).toMatchObject({ limited: true, retryAt: NOW + 60_000 });
    expect(readRateLimit({ 'x-ratelimit-remaining': '4999' }, 403, NOW).limited).toBe(false);
  });

  it('ignores Retry-After on a success', () => {
    expect(readRateLimit({ 'retry-after': '60' }, 200, NOW).retryAt).toBeUndefined();
  });
});

describe('parseReset and parseRetryAfter', () => {
  it('tells epoch milliseconds, epoch seconds and deltas apart', () => {
    expect(parseReset(String(NOW), NOW)).toBe(NOW);
    expect(parseReset(String(NOW / 1000), NOW)).toBe(NOW);
    expect(parseReset('90', NOW)).toBe(NOW + 90_000);
    expect(parseReset('Thu, 01 Jan 2026 00:01:00 GMT', NOW)).toBe(NOW + 60_000);
    expect(parseReset('soon', NOW)).toBeUndefined();
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:45 GMT', NOW)).toBe(NOW + 45_000);
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});
