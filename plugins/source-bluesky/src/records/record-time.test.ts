import { describe, expect, it } from 'vitest';
import { tidAt } from '../__fixtures__/appview-fixtures.js';
import { recordTime } from './record-time.js';

const minted = tidAt('2025-03-01T12:00:00Z');

describe('record times', () => {
  it('normalize client offsets to UTC and keep the text', () => {
    expect(recordTime('2025-03-01T05:00:00-07:00', minted)).toEqual({ at: '2025-03-01T12:00:00Z', rawAt: '2025-03-01T05:00:00-07:00' });
    expect(recordTime('2025-03-01T12:00:00Z', minted)).toEqual({ at: '2025-03-01T12:00:00Z' });
  });

  it('do not believe a createdAt after the record key was minted, beyond clock skew', () => {
    expect(recordTime('2025-03-01T12:05:00Z', minted)).toEqual({ at: '2025-03-01T12:05:00Z' });
    expect(recordTime('2031-01-01T00:00:00Z', minted)).toEqual({ at: '2025-03-01T12:00:00Z', rawAt: '2031-01-01T00:00:00Z' });
  });

  it('keep a back-dated createdAt: imported posts are dated as they were first written', () => {
    expect(recordTime('2009-06-01T10:00:00.000Z', minted)).toEqual({ at: '2009-06-01T10:00:00Z', rawAt: '2009-06-01T10:00:00.000Z' });
  });

  it('date an unreadable createdAt by the record key, or refuse it when the key is no TID', () => {
    expect(recordTime('yesterday', minted)).toEqual({ at: '2025-03-01T12:00:00Z', rawAt: 'yesterday' });
    expect(recordTime(undefined, minted)).toEqual({ at: '2025-03-01T12:00:00Z' });
    expect(recordTime('2025-03-01 12:00:00', 'self')).toEqual({
      error: 'createdAt "2025-03-01 12:00:00" is not an atproto datetime, and the record key is not a TID to date it by',
    });
  });
});
