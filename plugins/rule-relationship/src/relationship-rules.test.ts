import { checkRule, ledgerWith, type StoryLine, type TestLedger } from '@handshake/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FamiliarityRule } from './familiarity-rule.js';
import { IntroducerRule } from './introducer-rule.js';
import { ReciprocityRule } from './reciprocity-rule.js';
import { TieStrengthRule } from './tie-strength-rule.js';

const me = { network: 'mastodon', id: 'https://a.example/users/me' };
const target = { network: 'mastodon', id: 'https://a.example/users/target' };
const friend = { network: 'mastodon', id: 'https://a.example/users/friend' };
const hub = { network: 'mastodon', id: 'https://a.example/users/hub' };
const NOW = '2026-11-20T12:00:00Z';
let count = 0;
const signal = (kind: string, actor: typeof me, subject: typeof me, at: string, object?: Record<string, unknown>): StoryLine => ({
  id: `t:${++count}`,
  network: 'mastodon',
  kind,
  actor,
  subject,
  at,
  ...(object ? { object } : {}),
});
const people = {
  me: { name: 'Mia', identities: { mastodon: [me.id] } },
  targets: [{ name: 'Tara', identities: { mastodon: [target.id] } }],
};
const names: StoryLine[] = [
  { type: 'identity', ...friend, displayName: 'Finn' },
  { type: 'identity', ...hub, displayName: 'Hal', followingCount: 40_000 },
];

let ledger: TestLedger | undefined;
afterEach(() => ledger?.close());

async function judge(
  rule: Parameters<typeof checkRule>[0],
  lines: StoryLine[],
  question: { target?: string; introducer?: string; options?: unknown } = {},
) {
  ledger = await ledgerWith([...names, ...lines], people);
  const verdict = checkRule(rule, ledger, {
    now: NOW,
    target: question.target ?? 'Tara',
    introducer: question.introducer,
    options: question.options,
  });
  // Every signal a reason cites is in the ledger.
  for (const reason of verdict.reasons) for (const id of reason.evidence) expect(ledger.view.signal(id), id).toBeDefined();
  return verdict;
}

describe('tie-strength', () => {
  it('treats "never" as its own state, not as a very old contact', async () => {
    const verdict = await judge(new TieStrengthRule(), []);
    expect(verdict.facts).toMatchObject({ band: 'none', daysSinceLast: 'never' });
    expect(verdict.score).toBe(0);
    expect(verdict.reasons[0]?.text).toBe('Mia and Tara have never exchanged anything the ledger knows of.');
  });

  it('decays with a half-life: the same exchanges a year older make a weaker tie', async () => {
    const exchanges = (year: number) => [
      signal('message', me, target, `${year}-10-01T00:00:00Z`),
      signal('reply', target, me, `${year}-10-02T00:00:00Z`),
      signal('message', me, target, `${year}-11-01T00:00:00Z`),
      signal('reply', target, me, `${year}-11-02T00:00:00Z`),
    ];
    const recent = await judge(new TieStrengthRule(), exchanges(2026));
    ledger?.close();
    const old = await judge(new TieStrengthRule(), exchanges(2025));
    expect(recent.facts?.band).toBe('moderate');
    expect(old.facts?.band).toBe('weak');
    expect(old.score).toBeLessThan((recent.score ?? 0) / 2);
    expect(old.reasons[0]?.text).toContain('last exchange 13 months ago (2025-11-02)');
  });
});

describe('familiarity', () => {
  it.each([
    ['none', [], 0],
    ['aware', [signal('follow', target, me, '2026-03-01T00:00:00Z')], 0.3],
    ['familiar', [signal('reply', target, me, '2026-10-01T00:00:00Z'), signal('mention', target, me, '2026-11-01T00:00:00Z')], 0.65],
    [
      'engaged',
      [
        ...['06', '07', '08', '09', '10'].map((month) => signal('reply', target, me, `2026-${month}-20T00:00:00Z`)),
        ...['06', '08', '10'].map((month) => signal('reply', me, target, `2026-${month}-21T00:00:00Z`)),
      ],
      0.9,
    ],
  ])('%s', async (level, lines, score) => {
    const verdict = await judge(new FamiliarityRule(), lines as StoryLine[]);
    expect(verdict.facts?.level).toBe(level);
    expect(verdict.score).toBe(score);
  });

  it('forgets exchanges older than its window', async () => {
    const verdict = await judge(new FamiliarityRule(), [
      signal('reply', target, me, '2026-01-01T00:00:00Z'),
      signal('reply', target, me, '2026-02-01T00:00:00Z'),
    ]);
    expect(verdict.facts?.level).toBe('aware');
  });
});

describe('reciprocity', () => {
  it('scores a one-way tie low and says it goes one way only', async () => {
    const verdict = await judge(new ReciprocityRule(), [
      signal('reply', me, target, '2026-11-01T00:00:00Z'),
      signal('like', me, target, '2026-11-02T00:00:00Z'),
    ]);
    expect(verdict.score).toBe(0.15);
    expect(verdict.reasons[0]?.text).toBe(
      'Mia reached Tara twice (last on 2026-11-02), and Tara reached back not once, in the last 180 days: it goes one way only.',
    );
  });
});

describe('introducer', () => {
  const closeToBoth = (other: typeof me) => [
    ...['2026-09-01', '2026-10-01', '2026-11-01', '2026-11-15'].flatMap((day) => [
      signal('message', me, other, `${day}T10:00:00Z`),
      signal('reply', other, me, `${day}T11:00:00Z`),
    ]),
    ...['2026-08-01', '2026-10-01', '2026-11-10'].flatMap((day) => [
      signal('reply', other, target, `${day}T10:00:00Z`),
      signal('reply', target, other, `${day}T11:00:00Z`),
    ]),
  ];

  it('ranks a mutual close to both above the same ties through a hub', async () => {
    const friendly = await judge(new IntroducerRule(), closeToBoth(friend), { introducer: 'Finn' });
    ledger?.close();
    const hubby = await judge(new IntroducerRule(), closeToBoth(hub), { introducer: 'Hal' });
    expect(friendly.facts).toMatchObject({ bandToUser: 'strong' });
    expect(friendly.score).toBeGreaterThan(0.6);
    expect(hubby.score).toBeCloseTo((friendly.score ?? 0) * Math.sqrt(1000 / 40_000), 5);
    expect(hubby.reasons.at(-1)?.text).toBe(
      'Hal follows 40,000 accounts: a hub rather than a trusted associate, so this path counts ×0.16.',
    );
  });

  it('discounts someone asked for an introduction recently, citing the ask', async () => {
    const lines = [...closeToBoth(friend), signal('introduction', me, friend, '2026-10-20T00:00:00Z', { about: hub, outcome: 'made' })];
    const verdict = await judge(new IntroducerRule(), lines, { introducer: 'Finn' });
    const asked = verdict.reasons.at(-1);
    expect(asked?.text).toBe(
      'You asked Finn for an introduction 31 days ago (2026-10-20); asking again so soon spends their goodwill, so this path counts ×0.3.',
    );
    expect(asked?.evidence).toHaveLength(1);
  });
});
