import { checkRule, ledgerWith, type StoryLine, type TestLedger } from '@handshake/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ContributionRule } from './contribution-rule.js';
import { WorldRule } from './world-rule.js';

const me = { network: 'github', id: '1' };
const target = { network: 'github', id: '2' };
const carol = { network: 'github', id: '3' };
const dave = { network: 'github', id: '4' };
let count = 0;
const signal = (kind: string, actor: typeof me, subject: typeof me, at: string, object?: Record<string, unknown>): StoryLine => ({
  id: `w:${++count}`,
  network: 'github',
  kind,
  actor,
  subject,
  at,
  ...(object ? { object } : {}),
});
const people = { me: { name: 'Mia', identities: { github: ['1'] } }, targets: [{ name: 'Tara', identities: { github: ['2'] } }] };
const world: StoryLine[] = [
  { type: 'identity', ...carol, displayName: 'Carol' },
  { type: 'identity', ...dave, displayName: 'Dave' },
  signal('post', target, target, '2026-10-01T00:00:00Z', { topics: ['gardening', 'rust'], url: 'https://t.example/1' }),
  signal('post', target, target, '2026-11-01T00:00:00Z', { topics: ['gardening'], url: 'https://t.example/2' }),
  signal('post', me, me, '2026-09-01T00:00:00Z', { topics: ['rust'] }),
  ...['06', '08', '10', '11'].map((month) => signal('reply', target, carol, `2026-${month}-05T00:00:00Z`)),
  signal('follow', target, dave, '2026-01-01T00:00:00Z'),
  signal('contribution', target, carol, '2026-11-02T00:00:00Z', { url: 'https://github.com/carol/seedbank/pull/7' }),
];
let ledger: TestLedger | undefined;
afterEach(() => ledger?.close());

async function judge(rule: Parameters<typeof checkRule>[0], extra: StoryLine[] = []) {
  ledger = await ledgerWith([...world, ...extra], people);
  return checkRule(rule, ledger, { now: '2026-11-20T12:00:00Z', target: 'Tara' });
}

describe('world', () => {
  it("names what the target values, marks topics outside the user's field, and proposes concrete steps", async () => {
    const verdict = await judge(new WorldRule());
    expect(verdict.score).toBeUndefined();
    const text = verdict.reasons.map((reason) => reason.text).join('\n');
    expect(text).toContain('Tara writes and shares most about gardening (2 posts, outside your own field), rust (1 post)');
    expect(text).toMatch(/Tara engages most with Carol \(5 exchanges, last on 2026-11-05\), Dave/);
    expect(text).toContain('Tara contributes to github.com/carol/seedbank (1 contribution).');
    expect(verdict.nextSteps).toEqual([
      'Write something useful about rust, topics Tara cares about.',
      "Engage with Carol's work: Tara follows and answers Carol often.",
      'Support github.com/carol/seedbank, a project Tara works on: an issue, a fix, a review.',
      "Answer Tara's latest post https://t.example/2 (2026-11-01) with something that adds to it.",
    ]);
  });
});

describe('contribution', () => {
  it("is zero before the user did anything for the target's world", async () => {
    const verdict = await judge(new ContributionRule(), []);
    expect(verdict.score).toBeLessThan(0.2);
  });

  it('counts contributions to their projects and circle, more when acknowledged', async () => {
    const contributions = [
      signal('contribution', me, target, '2026-11-05T00:00:00Z', { url: 'https://github.com/tara/tool/pull/1' }),
      signal('share', me, carol, '2026-11-06T00:00:00Z'),
    ];
    const unanswered = await judge(new ContributionRule(), contributions);
    ledger?.close();
    const acknowledged = await judge(new ContributionRule(), [...contributions, signal('like', target, me, '2026-11-07T00:00:00Z')]);
    expect(acknowledged.score).toBeGreaterThan(unanswered.score ?? 1);
    expect(acknowledged.reasons.map((reason) => reason.text)).toContain(
      'Mia contributed to a project of Tara once, last on 2026-11-05 (15 days ago); 1 acknowledged by Tara or their circle.',
    );
    expect(acknowledged.reasons.map((reason) => reason.text).join('\n')).toContain('Mia shared the work of people Tara follows once');
  });
});
