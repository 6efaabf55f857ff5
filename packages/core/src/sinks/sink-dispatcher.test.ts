import { type Decision, ManualClock, type SinkContribution, z } from '@handshake/sdk';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConfiguredSink } from '../boot/load-pipeline.js';
import { SinkDispatcher } from './sink-dispatcher.js';

const decision = (name: string): Decision => ({
  at: '2026-06-01T00:00:00Z',
  target: { name, person: `p_${name.length}` },
  status: 'warm-up',
  readiness: 0.3,
  reasons: [],
  nextSteps: [],
});

function sink(id: string, contribution: Omit<SinkContribution, 'kind' | 'options'>): ConfiguredSink {
  return { id, kind: id, plugin: `@test/${id}`, options: {}, contribution: { kind: id, options: z.object({}), ...contribution } };
}

const logger = pino({ level: 'silent' });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SinkDispatcher', () => {
  it('retries a failing sink with backoff while the others deliver at once', async () => {
    const clock = new ManualClock(0);
    const healthy: Decision[][] = [];
    let attempts = 0;
    const dispatcher = new SinkDispatcher(
      [
        sink('flaky', {
          open: () => ({
            write: () => {
              attempts++;
              if (attempts < 3) throw new Error('webhook answered 503');
            },
          }),
        }),
        sink('file', { open: () => ({ write: (decisions) => void healthy.push([...decisions]) }) }),
      ],
      { clock, logger, retryDelayMs: 1000 },
    );
    dispatcher.deliver([decision('Dan')], [decision('Dan')]);
    await settle();
    expect(healthy).toHaveLength(1);
    expect(attempts).toBe(1);
    clock.advance(1000);
    await settle();
    expect(attempts).toBe(2);
    clock.advance(1999);
    await settle();
    expect(attempts).toBe(2);
    clock.advance(1);
    await settle();
    expect(attempts).toBe(3);
    expect(await dispatcher.drain(10, clock)).toEqual([]);
    expect(dispatcher.reports()).toEqual([
      { sink: 'flaky', plugin: '@test/flaky', delivered: 1, failed: 0, dropped: 0, lastError: 'webhook answered 503' },
      { sink: 'file', plugin: '@test/file', delivered: 1, failed: 0, dropped: 0 },
    ]);
  });

  it("gives up after its attempts, and drops the oldest delivery when a stuck sink's queue is full", async () => {
    const clock = new ManualClock(0);
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatcher = new SinkDispatcher(
      [
        sink('slow', { open: () => ({ write: () => stuck }) }),
        sink('broken', {
          open: () => {
            throw new Error('cannot open file');
          },
        }),
      ],
      { clock, logger, retryDelayMs: 10, maxAttempts: 2, queueLimit: 3 },
    );
    for (const name of ['A', 'B', 'C', 'D', 'E']) dispatcher.deliver([decision(name)], []);
    for (let step = 0; step < 20; step++) {
      clock.advance(10);
      await settle();
    }
    release();
    await dispatcher.drain(1000, clock);
    const [slow, broken] = dispatcher.reports();
    // A is in flight; behind it only three changes may wait, so B is dropped.
    expect(slow).toMatchObject({ delivered: 4, dropped: 1, failed: 0 });
    expect(broken?.delivered).toBe(0);
    expect((broken?.failed ?? 0) + (broken?.dropped ?? 0)).toBe(5);
    expect(broken?.lastError).toBe('cannot open file');
  });
});
