import { checkRule, ledgerWith, type StoryLine, type TestLedger } from '@handshake/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DontBugRule } from './dont-bug-rule.js';

const me = { network: 'twitter', id: '1' };
const target = { network: 'twitter', id: '2' };
const friend = { network: 'twitter', id: '3' };
let count = 0;
const signal = (kind: string, actor: typeof me, subject: typeof me, at: string, object?: Record<string, unknown>): StoryLine => ({
  id: `d:${++count}`,
  network: 'twitter',
  kind,
  actor,
  subject,
  at,
  ...(object ? { object } : {}),
});
const people = { me: { name: 'Mia', identities: { twitter: ['1'] } }, targets: [{ name: 'Tara', identities: { twitter: ['2'] } }] };
let ledger: TestLedger | undefined;
afterEach(() => ledger?.close());

async function judge(lines: StoryLine[], introducer?: string) {
  ledger = await ledgerWith([{ type: 'identity', ...friend, displayName: 'Finn' }, ...lines], people);
  return checkRule(new DontBugRule(), ledger, { now: '2026-11-20T12:00:00Z', target: 'Tara', introducer });
}

describe('dont-bug', () => {
  it('holds after two unanswered messages, until thirty days after the last', async () => {
    const verdict = await judge([
      signal('message', me, target, '2026-11-01T09:00:00Z'),
      signal('mention', me, target, '2026-11-10T09:00:00Z'),
    ]);
    expect(verdict.hold).toMatchObject({ until: '2026-12-10T09:00:00.000Z' });
    expect(verdict.hold?.evidence).toHaveLength(2);
  });

  it('counts only what came after their last answer', async () => {
    const verdict = await judge([
      signal('message', me, target, '2026-11-01T09:00:00Z'),
      signal('reply', target, me, '2026-11-02T09:00:00Z'),
      signal('message', me, target, '2026-11-10T09:00:00Z'),
    ]);
    expect(verdict.hold).toBeUndefined();
    expect(verdict.reasons[0]?.text).toBe('Nothing says reaching Tara now would bug them.');
  });

  it('forgets messages older than the window', async () => {
    const verdict = await judge([
      signal('message', me, target, '2026-09-01T09:00:00Z'),
      signal('message', me, target, '2026-09-05T09:00:00Z'),
    ]);
    expect(verdict.hold).toBeUndefined();
  });

  it('holds for ninety days after an introduction to the target was asked', async () => {
    const verdict = await judge([signal('introduction', me, friend, '2026-11-01T00:00:00Z', { about: target, outcome: 'asked' })]);
    expect(verdict.hold).toMatchObject({ until: '2027-01-30T00:00:00.000Z' });
  });

  it('holds without a date while the target blocks the user, saying what lifts it', async () => {
    const verdict = await judge([signal('block', target, me, '2026-05-01T00:00:00Z')]);
    expect(verdict.hold).toMatchObject({ liftsWhen: 'Tara unblocks Mia' });
    expect(verdict.hold?.until).toBeUndefined();
  });

  it('on a path, holds an introducer the user has pestered', async () => {
    const verdict = await judge(
      [signal('message', me, friend, '2026-11-11T00:00:00Z'), signal('message', me, friend, '2026-11-12T00:00:00Z')],
      'Finn',
    );
    expect(verdict.hold?.reason).toBe('Mia reached out to Finn 2 times since 2026-11-11 without an answer');
  });
});
