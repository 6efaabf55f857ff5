import { describe, expect, it } from 'vitest';
import { checkSignal, parseInstant } from './signal-check.js';

const valid = {
  id: 'mastodon:https://a.example/users/ada/statuses/1',
  network: 'mastodon',
  kind: 'reply',
  actor: { network: 'mastodon', id: 'https://a.example/users/ada' },
  subject: { network: 'mastodon', id: 'https://b.example/users/dan' },
  at: '2026-01-02T03:04:05Z',
  object: { url: 'https://a.example/@ada/1', text: 'hi', topics: ['rust'] },
};

describe('checkSignal', () => {
  it('accepts the interchange format as is', () => {
    const result = checkSignal(valid);
    expect(result).toEqual({ ok: true, signal: valid, time: Date.parse('2026-01-02T03:04:05Z') });
  });

  it('normalizes an offset or nanoseconds to UTC and keeps the original text', () => {
    const result = checkSignal({ ...valid, at: '2026-01-02T05:04:05.123456789+02:00' });
    expect(result.ok && result.signal.at).toBe('2026-01-02T03:04:05.123Z');
    expect(result.ok && result.signal.rawAt).toBe('2026-01-02T05:04:05.123456789+02:00');
  });

  it.each([
    [{ ...valid, kind: 'poke' }, 'kind: unknown signal kind "poke"'],
    [{ ...valid, at: 'yesterday' }, 'at: expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, received "yesterday"'],
    [{ ...valid, at: '2026-02-30T00:00:00Z' }, 'at: expected an ISO-8601 instant'],
    [{ ...valid, at: '2026-01-02T03:04:05' }, 'at: expected an ISO-8601 instant'],
    [{ ...valid, actor: { network: 'mastodon', id: 42 } }, 'actor.id: expected a non-empty string, received number'],
    [{ ...valid, id: '' }, 'id: expected a non-empty string, received string'],
    [{ ...valid, object: { topics: 'rust' } }, 'object.topics: expected an array of strings, received string'],
    [[1, 2], 'expected a signal object, received array'],
  ])('rejects %j', (value, reason) => {
    const result = checkSignal(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseInstant', () => {
  it('accepts a day that exists and refuses one that does not', () => {
    expect(parseInstant('2024-02-29T12:00:00Z')?.time).toBe(Date.parse('2024-02-29T12:00:00Z'));
    expect(parseInstant('2023-02-29T12:00:00Z')).toBeUndefined();
  });
});

describe('canonicalUtcTime', () => {
  it('agrees with Date.parse on every form the interchange format writes', async () => {
    const { canonicalUtcTime } = await import('./signal-check.js');
    for (const text of [
      '1970-01-01T00:00:00Z',
      '2000-02-29T23:59:59.9Z',
      '2026-11-25T21:38:36.12Z',
      '1969-12-31T23:59:59.999Z',
      '2100-03-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
    ]) {
      expect(canonicalUtcTime(text)).toBe(Date.parse(text));
    }
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01 00:00:00Z',
      '2026-01-01T00:00:00.Z',
      '2026-01-01T00:00:00+00:00',
    ]) {
      expect(canonicalUtcTime(text)).toBeNaN();
    }
  });
});
