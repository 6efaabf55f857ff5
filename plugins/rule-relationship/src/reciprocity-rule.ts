import {
  decay,
  duration,
  formatDay,
  injectable,
  type LedgerView,
  memoPerView,
  type Person,
  type Reason,
  type RuleContribution,
  type RuleQuestion,
  type SignalTally,
  type Verdict,
  z,
} from '@handshake/sdk';
import { EXCHANGE_KINDS } from './exchange-kinds.js';

export const ReciprocityRuleOptions = z.strictObject({
  /** Only exchanges this recent count. */
  window: duration().prefault('180d'),
});
export type ReciprocityRuleOptions = z.infer<typeof ReciprocityRuleOptions>;

/** Score of a tie that goes one way only: there is contact, but nothing comes back. */
const ONE_WAY_SCORE = 0.15;
const EVIDENCE_PER_DIRECTION = 3;

interface Leg {
  readonly score: number;
  readonly reason: Reason;
}

/**
 * Does the relationship go both ways, and how recently? Counts exchanges each way within the
 * window; the score grows with their balance and decays with the time since the last one (the
 * half-life is half the window). A connection (LinkedIn, Facebook friends) is mutual by nature and
 * counts both ways. On a path, the weaker leg decides.
 */
@injectable()
export class ReciprocityRule implements RuleContribution<ReciprocityRuleOptions> {
  readonly kind = 'reciprocity';
  readonly options = ReciprocityRuleOptions;
  readonly scopes = ['target', 'path'] as const;

  evaluate(question: RuleQuestion<ReciprocityRuleOptions>): Verdict {
    const { ledger, me, target, introducer, now, options } = question;
    if (!introducer) {
      const leg = judgeLeg(ledger, me, target, now, options.window);
      return { rule: this.kind, score: leg.score, reasons: [leg.reason], facts: { reciprocity: round(leg.score) } };
    }
    const toIntroducer = judgeLeg(ledger, me, introducer, now, options.window);
    const toTarget = judgeLeg(ledger, introducer, target, now, options.window);
    const score = Math.min(toIntroducer.score, toTarget.score);
    return { rule: this.kind, score, reasons: [toIntroducer.reason, toTarget.reason], facts: { reciprocity: round(score) } };
  }
}

/** The user's leg to an introducer recurs for every target they might open: judged once per round. */
function judgeLeg(ledger: LedgerView, a: Person, b: Person, now: number, window: number): Leg {
  return memoPerView(ledger, `reciprocity|${a.id}|${b.id}|${now}|${window}`, () => measureLeg(ledger, a, b, now, window));
}

function measureLeg(ledger: LedgerView, a: Person, b: Person, now: number, window: number): Leg {
  const query = { kinds: EXCHANGE_KINDS, since: now - window, until: now + 1 };
  const days = Math.round(window / 86_400_000);
  // Counted, not read: two busy people may exchange thousands of times in a window.
  const outTallies = ledger.countFrom(a.id, b.id, query);
  const inTallies = ledger.countFrom(b.id, a.id, query);
  const connected = [...outTallies, ...inTallies].some((tally) => tally.kind === 'connection');
  const total = (tallies: readonly SignalTally[]) => tallies.reduce((sum, tally) => sum + tally.count, 0);
  const lastAt = (tallies: readonly SignalTally[]) =>
    tallies.length === 0 ? undefined : Math.max(...tallies.map((tally) => tally.lastAt));
  const hasConnection = (tallies: readonly SignalTally[]) => tallies.some((tally) => tally.kind === 'connection');
  const outCount = total(outTallies) + (connected && !hasConnection(outTallies) ? 1 : 0);
  const inCount = total(inTallies) + (connected && !hasConnection(inTallies) ? 1 : 0);
  if (outCount === 0 && inCount === 0) {
    return { score: 0, reason: { text: `${a.name} and ${b.name} have had no exchanges in the last ${days} days.`, evidence: [] } };
  }
  const evidence = [
    ...ledger.signalsFrom(a.id, b.id, { ...query, limit: EVIDENCE_PER_DIRECTION }),
    ...ledger.signalsFrom(b.id, a.id, { ...query, limit: EVIDENCE_PER_DIRECTION }),
  ].map((signal) => signal.id);
  const text = `${a.name} reached ${b.name} ${times(outCount)}${lastOn(lastAt(outTallies))}, and ${b.name} reached back ${times(inCount)}${lastOn(lastAt(inTallies))}, in the last ${days} days`;
  if (outCount === 0 || inCount === 0) {
    return { score: ONE_WAY_SCORE, reason: { text: `${text}: it goes one way only.`, evidence } };
  }
  const balance = Math.min(outCount, inCount) / Math.max(outCount, inCount);
  const last = Math.max(lastAt(outTallies) ?? 0, lastAt(inTallies) ?? 0);
  const recency = decay(now - last, window / 2);
  const score = Math.sqrt(balance) * (0.5 + 0.5 * recency);
  return { score, reason: { text: `${text}: it goes both ways (balance ${balance.toFixed(2)}).`, evidence } };
}

function times(count: number): string {
  return count === 0 ? 'not once' : count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function lastOn(at: number | undefined): string {
  return at === undefined ? '' : ` (last on ${formatDay(at)})`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
