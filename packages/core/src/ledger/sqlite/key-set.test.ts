import { describe, expect, it } from 'vitest';
import { signalCheck, signalKey } from '../signal-key.js';
import { KeySet } from './key-set.js';

describe('KeySet', () => {
  it('tells a new key, the same id again, and a different id under an equal key apart', () => {
    const set = new KeySet();
    expect(set.add(42, 7)).toBe('added');
    expect(set.add(42, 7)).toBe('duplicate');
    expect(set.add(42, 8)).toBe('taken');
    expect(set.size).toBe(1);
  });

  it('says how much it will hold before it is made', () => {
    expect(KeySet.bytesFor(1_000_000)).toBe(new KeySet(1_000_000).bytes);
    // Power-of-two tables at most three quarters full: 16 to 32 bytes a key.
    expect(KeySet.bytesFor(1_000_000)).toBeLessThanOrEqual(1_000_000 * 32);
  });

  it('keeps every key through growth, far past the room it was sized for', () => {
    const set = new KeySet(1000);
    const ids = Array.from({ length: 200_000 }, (_, index) => `mastodon:bench/${index}`);
    for (const id of ids) expect(set.add(signalKey(id), signalCheck(id))).toBe('added');
    expect(set.size).toBe(ids.length);
    for (const id of ids) expect(set.add(signalKey(id), signalCheck(id))).toBe('duplicate');
    // Keys near the top of the 53-bit range and zero land and are found too.
    for (const key of [0, 2 ** 53 - 2, 2 ** 32, 2 ** 32 - 1]) {
      expect(set.add(key, 1)).toBe('added');
      expect(set.add(key, 1)).toBe('duplicate');
    }
  });
});
