import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './disposable.js';

describe('DisposableStore', () => {
  it('releases last-in first-out, and every item even when one throws', async () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void released.push('first')));
    store.add(
      toDisposable(() => {
        released.push('second');
        throw new Error('second failed');
      }),
    );
    store.add(toDisposable(async () => void released.push('third')));
    await expect(store.dispose()).rejects.toThrow('second failed');
    expect(released).toEqual(['third', 'second', 'first']);
  });

  it('releases a resource added after disposal at once, and says so', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let released = false;
    const release = () => {
      released = true;
    };
    expect(() => store.add(toDisposable(release))).toThrow('already disposed');
    expect(released).toBe(true);
  });
});
