import { join } from 'node:path';
import { checkSignal, ManualClock, type RuleContribution, type RuleQuestion, type Signal, type Verdict, z } from '@handshake/sdk';
import { temporaryFolder } from '@handshake/testing';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLedger } from '../ledger/sqlite/sqlite-ledger.js';
import { decisionChanged } from './decision-change.js';
import { DecisionEngine } from './decision-engine.js';
import type { RuleBinding } from './rule-binding.js';

const clock = new ManualClock('2026-06-01T00:00:00Z');
const ada = { network: 'mastodon', id: 'https://a.example/users/ada' };
const dan = { network: 'twitter', id: '1' };
const erin = { network: 'twitter', id: '2' };
const alice = { network: 'mastodon', id: 'https://a.example/users/alice' };
const bob = { network: 'mastodon', id: 'https://a.example/users/bob' };

let ledger: SqliteLedger;
const logged: string[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });

function rule(
  kind: string,
  scopes: RuleContribution['scopes'],
  judge: (question: RuleQuestion<unknown>) => Omit<Verdict, 'rule'>,
  weight = 1,
): RuleBinding {
  return {
    id: kind,
    kind,
    plugin: `@test/${kind}`,
    weight,
    options: {},
    contribution: { kind, options: z.object({}), scopes, evaluate: (question) => ({ rule: kind, ...judge(question) }) },
  };
}

function engine(rules: RuleBinding[]) {
  return new DecisionEngine(rules, { askAt: 0.7, warmUpAt: 0.4, directAskAt: 0.85, introducers: 5 }, clock, logger);
}

const nameOf = (question: RuleQuestion<unknown>) => question.introducer?.name ?? 'direct';

beforeEach(async () => {
  ledger = SqliteLedger.open({ path: join(await temporaryFolder(), 'ledger.db'), clock, logger });
  ledger.declarePersons({ name: 'Ada', identities: { mastodon: [ada.id] } }, [
    { name: 'Dan', identities: { twitter: [dan.id] } },
    { name: 'Erin', identities: { twitter: [erin.id] } },
  ]);
  const signals: Signal[] = [];
  // Alice and Bob are tied to Ada and to Dan; Erin is tied to Ada and Dan too (she can be a mutual).
  const pairs: [typeof ada, typeof ada][] = [
    [ada, alice],
    [alice, dan],
    [ada, bob],
    [bob, dan],
    [bob, ada],
    [ada, erin],
    [erin, dan],
    [erin, dan],
  ];
  for (const [index, [actor, subject]] of pairs.entries()) {
    signals.push({ id: `s${index}`, network: actor.network, kind: 'reply', actor, subject, at: '2026-05-01T00:00:00Z' } as Signal);
  }
  ledger.commit([
    {
      source: 'test',
      cursor: 'c',
      identities: [
        { ...alice, displayName: 'Alice' },
        { ...bob, displayName: 'Bob' },
      ],
      signals: signals.map((signal) => {
        const checked = checkSignal(signal);
        if (!checked.ok) throw new Error(checked.reason);
        return { signal: checked.signal, time: checked.time };
      }),
    },
  ]);
});

afterEach(() => ledger.close());

describe('DecisionEngine', () => {
  it('asks through the best introducer when a path is warm enough, with every reason', () => {
    const rules = [
      rule('warmth', ['target'], () => ({ score: 0.6, reasons: [{ text: 'some warmth', evidence: ['s0'] }], nextSteps: ['Reply to Dan'] })),
      rule(
        'path',
        ['path'],
        (question) => ({
          score: nameOf(question) === 'Bob' ? 0.9 : 0.5,
          reasons: [{ text: `path via ${nameOf(question)}`, evidence: [] }],
        }),
        2,
      ),
    ];
    const [danEvaluation] = engine(rules).evaluate(ledger.view(), ledger.targets());
    expect(danEvaluation?.decision).toMatchObject({
      target: { name: 'Dan' },
      status: 'ask',
      readiness: 0.8,
      via: { name: 'Bob' },
      nextSteps: ['Ask Bob to introduce you to Dan.', 'Reply to Dan'],
    });
    expect(danEvaluation?.decision.reasons.map((reason) => reason.text)).toEqual(['some warmth', 'path via Bob']);
  });

  it('warms up below ask-at, saying how far it is', () => {
    const rules = [rule('warmth', ['target'], () => ({ score: 0.3, reasons: [], nextSteps: ["Share Dan's post"] }))];
    const [danEvaluation] = engine(rules).evaluate(ledger.view(), ledger.targets());
    expect(danEvaluation?.decision.status).toBe('warm-up');
    expect(danEvaluation?.decision.reasons.at(-1)?.text).toBe(
      'Readiness 0.30 is below direct-ask-at 0.85 (no introducer path reaches ask-at 0.7), and below warm-up-at 0.4: the relationship is cold.',
    );
  });

  it('asks directly only past direct-ask-at: short of it, a path that reaches ask-at wins', () => {
    const judge = (direct: number, path: number) => {
      const rules = [
        rule('warmth', ['target', 'path'], (question) => ({
          score: question.introducer ? (nameOf(question) === 'Bob' ? path : 0) : direct,
          reasons: [],
        })),
      ];
      return engine(rules).evaluate(ledger.view(), ledger.targets())[0]?.decision;
    };
    expect(judge(0.8, 0.72)).toMatchObject({ status: 'ask', via: { name: 'Bob' }, readiness: 0.72 });
    expect(judge(0.9, 0.72)).toMatchObject({ status: 'ask', readiness: 0.9 });
    expect(judge(0.9, 0.72)?.via).toBeUndefined();
    expect(judge(0.8, 0.5)).toMatchObject({ status: 'warm-up', readiness: 0.8 });
  });

  it('holds a target a rule holds, until the latest hold lifts, and proposes nobody', () => {
    const rules = [
      rule('warmth', ['target'], () => ({ score: 1, reasons: [] })),
      rule('gate-a', ['target'], (question) =>
        question.target.name === 'Dan'
          ? { reasons: [], hold: { reason: 'two messages unanswered', until: '2026-06-20T00:00:00Z' } }
          : { reasons: [] },
      ),
      rule('gate-b', ['target'], (question) =>
        question.target.name === 'Dan'
          ? { reasons: [], hold: { reason: 'an introduction was asked', until: '2026-08-01T00:00:00Z' } }
          : { reasons: [] },
      ),
    ];
    const [danEvaluation] = engine(rules).evaluate(ledger.view(), ledger.targets());
    expect(danEvaluation?.decision).toMatchObject({ status: 'hold', until: '2026-08-01T00:00:00Z' });
    expect(danEvaluation?.decision.via).toBeUndefined();
    expect(danEvaluation?.decision.reasons.slice(0, 2).map((reason) => reason.text)).toEqual([
      'two messages unanswered. The hold lifts on 2026-06-20.',
      'an introduction was asked. The hold lifts on 2026-08-01.',
    ]);
  });

  it('never proposes an introducer on hold, nor a target who is on hold', () => {
    const rules = [
      rule('path', ['path'], (question) => ({ score: { Alice: 0.95, Bob: 0.9, Erin: 0.99 }[nameOf(question)] ?? 0, reasons: [] })),
      rule('asked-recently', ['path'], (question) =>
        nameOf(question) === 'Alice'
          ? { reasons: [], hold: { reason: 'Alice was asked for an introduction 10 days ago' } }
          : { reasons: [] },
      ),
      rule('erin-gate', ['target'], (question) =>
        question.target.name === 'Erin'
          ? { reasons: [], hold: { reason: 'Erin did not answer', liftsWhen: 'Erin answers' } }
          : { reasons: [] },
      ),
    ];
    const [danEvaluation, erinEvaluation] = engine(rules).evaluate(ledger.view(), ledger.targets());
    expect(erinEvaluation?.decision.status).toBe('hold');
    expect(danEvaluation?.decision).toMatchObject({ status: 'ask', via: { name: 'Bob' } });
    const texts = danEvaluation?.decision.reasons.map((reason) => reason.text);
    expect(texts).toContain('Alice is not proposed: Alice was asked for an introduction 10 days ago');
    expect(texts).toContain('Erin is not proposed: Erin is a target on hold, so not someone to ask now');
  });

  it('goes on when a rule throws, saying so and naming its plugin in the log', () => {
    const rules = [
      rule('broken', ['target'], () => {
        throw new Error('index out of range');
      }),
      rule('warmth', ['target'], () => ({ score: 0.5, reasons: [] })),
    ];
    const [danEvaluation] = engine(rules).evaluate(ledger.view(), ledger.targets());
    expect(danEvaluation?.decision).toMatchObject({ status: 'warm-up', readiness: 0.5 });
    expect(danEvaluation?.decision.reasons[0]?.text).toBe('The broken rule failed: index out of range');
    expect(logged.some((line) => line.includes('"plugin":"@test/broken"') && line.includes('rule failed'))).toBe(true);
  });

  it('decides the same way for the same ledger and clock', () => {
    const rules = [
      rule('warmth', ['target'], (question) => ({
        score: question.target.name.length / 10,
        reasons: [{ text: `at ${question.now}`, evidence: [] }],
      })),
      rule('path', ['path'], (question) => ({ score: 0.8, reasons: [{ text: nameOf(question), evidence: [] }] })),
    ];
    const first = engine(rules).evaluate(ledger.view(), ledger.targets());
    const second = engine(rules).evaluate(ledger.view(), [...ledger.targets()].reverse());
    expect(JSON.stringify(second.map((evaluation) => evaluation.decision))).toBe(
      JSON.stringify(first.map((evaluation) => evaluation.decision)),
    );
  });
});

describe('decisionChanged', () => {
  const base = {
    at: '2026-06-01T00:00:00Z',
    target: { name: 'Dan', person: 'p_2' },
    status: 'warm-up' as const,
    readiness: 0.5,
    reasons: [],
    nextSteps: [],
  };
  it('sees a change of status, introducer, hold date or readiness, not a new date alone', () => {
    expect(decisionChanged(undefined, base)).toBe(true);
    expect(decisionChanged(base, { ...base, at: '2026-06-02T00:00:00Z', readiness: 0.504 })).toBe(false);
    expect(decisionChanged(base, { ...base, readiness: 0.52 })).toBe(true);
    expect(decisionChanged(base, { ...base, status: 'ask', via: { name: 'Bob', person: 'p_5' } })).toBe(true);
    expect(decisionChanged({ ...base, status: 'hold', until: 'a' }, { ...base, status: 'hold', until: 'b' })).toBe(true);
  });
});
