import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './parse-feed-date.js';

describe('parseFeedDate', () => {
  it.each([
    ['Fri, 12 May 2017 19:40:53 +0530', '2017-05-12T14:10:53Z'],
    ['Wed, 31 Jan 2018 20:15:15 GMT', '2018-01-31T20:15:15Z'],
    ['Fri, 07 Jul 2017 10:00:00 UTC', '2017-07-07T10:00:00Z'],
    ['Sat, 23 Jan 2016 15:40:37 +0000', '2016-01-23T15:40:37Z'],
    ['Tue, 10 Jun 2003 04:00:00 EDT', '2003-06-10T08:00:00Z'],
    ['Mon, 06 Nov 2023 08:00:00 -08:00', '2023-11-06T16:00:00Z'],
    // RSS 0.92: 2-digit year and `1500` for 15:00
    ['03 Apr 02 1500 GMT', '2002-04-03T15:00:00Z'],
    ['1 Jan 99 00:00 GMT', '1999-01-01T00:00:00Z'],
    // no weekday, no seconds, no zone
    ['5 Mar 2020 09:30', '2020-03-05T09:30:00Z'],
    ['Thursday, 05 March 2020 09:30:00 GMT', '2020-03-05T09:30:00Z'],
    // a Brazilian feed: weekday and month in Portuguese
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40Z'],
    ['Di, 03 Dez 2019 10:00:00 +0100', '2019-12-03T09:00:00Z'],
    ['2016-05-13T15:14:05Z', '2016-05-13T15:14:05Z'],
    ['2015-06-01T23:49:41+02:00', '2015-06-01T21:49:41Z'],
    ['2016-02-01T17:54:50.123-05:00', '2016-02-01T22:54:50.123Z'],
    // Atom from Google News: 9 fractional digits
    ['2022-07-28T03:40:34.000000000Z', '2022-07-28T03:40:34Z'],
    ['2022-07-28T03:40:34.123456789Z', '2022-07-28T03:40:34.123Z'],
    // JSON Feed in the wild: no T, no zone, read as UTC
    ['2022-07-26 13:01:01', '2022-07-26T13:01:01Z'],
    ['2021-02-03', '2021-02-03T00:00:00Z'],
    ['Tue Aug 30 14:33:11 UTC 2022', '2022-08-30T14:33:11Z'],
    ['  Wed, 03 Jan 2018 14:11:52 GMT\r\n      ', '2018-01-03T14:11:52Z'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });

  it.each([
    'someday',
    '',
    'Outline Date',
    '2021-02-30T00:00:00Z',
    '31 Feb 2021 10:00 GMT',
    '2021-13-01',
    'Fri, 12 May 2017 25:40:53 GMT',
    'Fri, 12 May 2017 19:40:53 XYZ',
    '12/05/2017',
  ])('refuses %j rather than guess', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });
});
