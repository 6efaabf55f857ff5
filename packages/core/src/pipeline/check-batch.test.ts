import type { Signal } from '@handshake/sdk';
import { describe, expect, it } from 'vitest';
import { checkBatch } from './check-batch.js';

const signal = (id: string, kind: Signal['kind'], object?: Signal['object']): Signal => ({
  id,
  network: 'linkedin',
  kind,
  actor: { network: 'linkedin', id: 'ada' },
  subject: { network: 'linkedin', id: 'grace' },
  at: '2026-05-01T10:00:00Z',
  ...(object ? { object } : {}),
});

describe('checkBatch', () => {
  it('drops what a private message said, keeping that it was sent, and keeps public text', () => {
    const checked = checkBatch('export', {
      cursor: 'c',
      signals: [
        signal('m1', 'message', { text: 'my new phone number is…', topics: ['jobs'] }),
        signal('r1', 'reply', { text: 'Great talk on compilers!' }),
      ],
    });
    expect(checked.signals.map(({ signal }) => signal.object)).toEqual([{ topics: ['jobs'] }, { text: 'Great talk on compilers!' }]);
  });

  it('rejects a malformed signal with where the source says it came from, and keeps the rest', () => {
    const checked = checkBatch('export', {
      cursor: 'c',
      signals: [signal('ok', 'follow'), { ...signal('bad', 'follow'), at: 'yesterday' }],
      where: (index) => `messages.csv:${index + 2}`,
    });
    expect(checked.signals.map(({ signal }) => signal.id)).toEqual(['ok']);
    expect(checked.rejected).toEqual([{ where: 'messages.csv:3', reason: expect.stringContaining('at') }]);
  });
});
