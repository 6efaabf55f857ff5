import { describe, expect, it } from 'vitest';
import { parseTwitterDate } from './parse-twitter-date.js';

describe('parseTwitterDate', () => {
  it('reads a tweet created_at as UTC and keeps the text', () => {
    expect(parseTwitterDate('Sat Aug 12 16:10:37 +0000 2023')).toEqual({
      at: '2023-08-12T16:10:37Z',
      time: Date.UTC(2023, 7, 12, 16, 10, 37),
      rawAt: 'Sat Aug 12 16:10:37 +0000 2023',
    });
  });

  it('applies offsets, including negative ones under an hour', () => {
    expect(parseTwitterDate('Tue Nov 01 23:30:00 -0500 2022')?.at).toBe('2022-11-02T04:30:00Z');
    expect(parseTwitterDate('Tue Nov 01 23:30:00 +0200 2022')?.at).toBe('2022-11-01T21:30:00Z');
    expect(parseTwitterDate('Tue Nov 01 23:30:00 -0030 2022')?.at).toBe('2022-11-02T00:00:00Z');
  });

  it('reads the legacy form and ISO instants, keeping a canonical instant as given', () => {
    expect(parseTwitterDate('2013-11-28 13:37:46 +0000')?.at).toBe('2013-11-28T13:37:46Z');
    expect(parseTwitterDate('2023-08-12T17:10:37.000Z')).toEqual({
      at: '2023-08-12T17:10:37.000Z',
      time: Date.UTC(2023, 7, 12, 17, 10, 37),
    });
  });

  it('refuses days that do not exist and text that is no date', () => {
    expect(parseTwitterDate('Thu Feb 30 10:00:00 +0000 2023')).toBeUndefined();
    expect(parseTwitterDate('Sat Aug 12 25:10:37 +0000 2023')).toBeUndefined();
    expect(parseTwitterDate('Sat Foo 12 16:10:37 +0000 2023')).toBeUndefined();
    expect(parseTwitterDate('yesterday')).toBeUndefined();
    expect(parseTwitterDate('')).toBeUndefined();
  });
});
