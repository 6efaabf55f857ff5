import { describe, expect, it } from 'vitest';
import { SnowflakeIndex } from './snowflake-index.js';

describe('SnowflakeIndex', () => {
  it('holds ids of every length exactly, as a set and as a map', () => {
    const index = new SnowflakeIndex(4);
    const ids = [
      '0',
      '7',
      '783214',
      '9007199254740993',
      '9007199254740992',
      '1692884599941711662',
      '18446744073709551615',
      '99999999999999999999',
    ];
    for (const id of ids) index.add(id);
    for (const id of ids) expect(index.has(id)).toBe(true);
    expect(index.has('9007199254740994')).toBe(false);
    expect(index.size).toBe(ids.length);
    index.set('1587979782105665242', '177395501');
    index.set('1587979782105665243', '1462630141060401672');
    expect(index.get('1587979782105665242')).toBe('177395501');
    expect(index.get('1587979782105665243')).toBe('1462630141060401672');
    expect(index.get('783214')).toBeUndefined();
    expect(index.get('1')).toBeUndefined();
  });

  it('keeps ids that do not fit in two halves apart, and values that do not either', () => {
    const index = new SnowflakeIndex();
    for (const id of ['0123', '123456789012345678901', '']) index.add(id);
    expect(index.has('0123')).toBe(true);
    expect(index.has('123')).toBe(false);
    expect(index.has('123456789012345678901')).toBe(true);
    index.set('5', '~owner');
    expect(index.get('5')).toBe('~owner');
    index.set('5', '6');
    expect(index.get('5')).toBe('6');
  });

  it('grows past many ids without losing one', () => {
    const index = new SnowflakeIndex(16);
    const base = 1_692_884_599_941_711_662n;
    for (let i = 0n; i < 50_000n; i++) index.set(String(base - i * 4_194_304n), String(i));
    expect(index.size).toBe(50_000);
    for (let i = 0n; i < 50_000n; i += 997n) expect(index.get(String(base - i * 4_194_304n))).toBe(String(i));
    expect(index.has(String(base + 1n))).toBe(false);
  });
});
