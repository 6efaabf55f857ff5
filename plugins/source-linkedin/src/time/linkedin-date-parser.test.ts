import { describe, expect, it } from 'vitest';
import { LinkedinDateParser } from './linkedin-date-parser.js';
import { zonedInstant } from './zoned-instant.js';

const at = (parser: LinkedinDateParser, text: string) => {
  const result = parser.parse(text);
  return result.ok ? result.at : result.reason;
};

describe('LinkedinDateParser', () => {
  const us = new LinkedinDateParser('en-US', 'UTC');

  it.each([
    ['09 Sep 2022', '2022-09-09T00:00:00Z'],
    ['9-Sep-22', '2022-09-09T00:00:00Z'],
    ['26 Dec 2025', '2025-12-26T00:00:00Z'],
    ['2022-09-08 18:08:14 UTC', '2022-09-08T18:08:14Z'],
    ['2020/06/09 00:53:47 UTC', '2020-06-09T00:53:47Z'],
    ['2022-09-08 04:10:18', '2022-09-08T04:10:18Z'],
    ['2022-09-08T18:08:14+02:00', '2022-09-08T16:08:14Z'],
    ['8/26/22, 8:56 PM', '2022-08-26T20:56:00Z'],
    ['8/26/22, 12:05 AM', '2022-08-26T00:05:00Z'],
    ['8/26/2022, 12:05 PM', '2022-08-26T12:05:00Z'],
  ])('reads %s', (text, expected) => {
    expect(at(us, text)).toBe(expected);
  });

  it('gives one wall-clock form for a date and its Excel re-save, which ids are built from', () => {
    expect(us.parse('09 Sep 2022')).toMatchObject({ local: '2022-09-09 00:00:00' });
    expect(us.parse('9-Sep-22')).toMatchObject({ local: '2022-09-09 00:00:00' });
  });

  it('reads numeric dates in the locale order', () => {
    const gb = new LinkedinDateParser('en-GB', 'UTC');
    expect(at(us, '8/6/22, 8:56 PM')).toBe('2022-08-06T20:56:00Z');
    expect(at(gb, '8/6/22, 8:56 PM')).toBe('2022-06-08T20:56:00Z');
    expect(at(gb, '26/08/2022, 20:56')).toBe('2022-08-26T20:56:00Z');
    expect(at(new LinkedinDateParser('de-DE', 'UTC'), '26.08.22, 20:56')).toBe('2022-08-26T20:56:00Z');
    expect(at(new LinkedinDateParser('ja-JP', 'UTC'), '2022/08/26 20:56')).toBe('2022-08-26T20:56:00Z');
  });

  it('says when a date looks written for another locale', () => {
    expect(at(us, '26/8/22, 20:56')).toBe(
      'month 26 is out of range (read as month/day/year for locale en-US; if the export writes day/month/year, set locale to en-GB)',
    );
    expect(at(us, '31 Feb 2022')).toBe('day 31 does not exist in month 2 of 2022');
    expect(at(us, '29-Feb-23')).toBe('day 29 does not exist in month 2 of 2023');
    expect(at(us, 'yesterday')).toMatch(/^not a date LinkedIn writes/);
    expect(at(us, '13 Foo 2022')).toBe('unknown month name "Foo" in "13 Foo 2022"');
  });

  it('takes zone-less times in the timeZone option and keeps zoned ones as they are', () => {
    const berlin = new LinkedinDateParser('en-US', 'Europe/Berlin');
    expect(at(berlin, '2022-01-15 12:00:00')).toBe('2022-01-15T11:00:00Z');
    expect(at(berlin, '2022-07-15 12:00:00')).toBe('2022-07-15T10:00:00Z');
    expect(at(berlin, '09 Sep 2022')).toBe('2022-09-08T22:00:00Z');
    expect(at(berlin, '2022-07-15 12:00:00 UTC')).toBe('2022-07-15T12:00:00Z');
    expect(berlin.parse('2022-07-15 12:00:00')).toMatchObject({ local: '2022-07-15 12:00:00' });
  });

  it('handles the daylight-saving changes of America/New_York', () => {
    const york = new LinkedinDateParser('en-US', 'America/New_York');
    // 13 March 2022: clocks go from 02:00 EST to 03:00 EDT.
    expect(at(york, '2022-03-13 01:59:59')).toBe('2022-03-13T06:59:59Z');
    expect(at(york, '2022-03-13 03:00:00')).toBe('2022-03-13T07:00:00Z');
    // 02:30 never happens that night: read as 03:30 EDT, as Temporal's "compatible" does.
    expect(at(york, '3/13/22, 2:30 AM')).toBe('2022-03-13T07:30:00Z');
    // 6 November 2022: 01:30 happens twice (EDT, then EST): the first.
    expect(at(york, '11/6/22, 1:30 AM')).toBe('2022-11-06T05:30:00Z');
    expect(at(york, '11/6/22, 2:30 AM')).toBe('2022-11-06T07:30:00Z');
  });
});

describe('zonedInstant', () => {
  it('is the identity for UTC and works across the date line', () => {
    const wall = Date.UTC(2022, 0, 1, 0, 30);
    expect(zonedInstant(wall, 'UTC')).toBe(wall);
    expect(new Date(zonedInstant(wall, 'Pacific/Kiritimati')).toISOString()).toBe('2021-12-31T10:30:00.000Z');
    expect(new Date(zonedInstant(wall, 'Asia/Kolkata')).toISOString()).toBe('2021-12-31T19:00:00.000Z');
  });
});
