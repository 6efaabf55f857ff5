import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';

describe('ManualClock', () => {
  it('wakes sleeps when time reaches them, in order', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const woken: string[] = [];
    const late = clock.sleep(2000).then(() => woken.push('late'));
    const early = clock.sleep(1000).then(() => woken.push('early'));
    clock.advance(999);
    await Promise.resolve();
    expect(woken).toEqual([]);
    clock.advance(1001);
    await Promise.all([late, early]);
    expect(woken).toEqual(['early', 'late']);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:02.000Z');
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new ManualClock(0);
    const abort = new AbortController();
    const sleeping = clock.sleep(1000, abort.signal);
    abort.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingSleeps).toBe(0);
  });
});
