import {
  duration,
  formatDay,
  injectable,
  type RuleContribution,
  type RuleQuestion,
  type SignalKind,
  type SignalRecord,
  type SignalTally,
  type Verdict,
  z,
} from '@handshake/sdk';
import { times } from './describe-tie.js';

export const FamiliarityRuleOptions = z.strictObject({
  /** Exchanges this recent make the target familiar with the user. */
  window: duration().prefault('180d'),
});
export type FamiliarityRuleOptions = z.infer<typeof FamiliarityRuleOptions>;

export type FamiliarityLevel = 'none' | 'aware' | 'familiar' | 'engaged';

const SCORES: Readonly<Record<FamiliarityLevel, number>> = { none: 0, aware: 0.3, familiar: 0.65, engaged: 0.9 };
/** The target speaking to the user, or passing on the user's work: they know who the user is. */
const KNOWING_KINDS: readonly SignalKind[] = ['reply', 'mention', 'message', 'comment', 'share'];
const AWARE_KINDS: readonly SignalKind[] = ['follow', 'connection', 'like', 'endorsement'];
const FAMILIAR_AT = 2;
const ENGAGED_AT = 5;
const ENGAGED_ANSWERS = 3;

/**
 * Does the target know the user at all? none; aware (followed back, liked something of the
 * user's); familiar (two or more exchanges the target started or answered within the window);
 * engaged (five or more, with the user taking part too).
 */
@injectable()
export class FamiliarityRule implements RuleContribution<FamiliarityRuleOptions> {
  readonly kind = 'familiarity';
  readonly options = FamiliarityRuleOptions;
  readonly scopes = ['target'] as const;

  evaluate({ ledger, me, target, now, options }: RuleQuestion<FamiliarityRuleOptions>): Verdict {
    const since = now - options.window;
    const days = Math.round(options.window / 86_400_000);
    const window = { kinds: KNOWING_KINDS, since, until: now + 1 };
    const count = (tallies: readonly SignalTally[]) => tallies.reduce((total, tally) => total + tally.count, 0);
    const knowingCount = count(ledger.countFrom(target.id, me.id, window));
    const answerCount = count(ledger.countFrom(me.id, target.id, window));
    const knowing = ledger.signalsFrom(target.id, me.id, { ...window, limit: 5 });
    // Any sign that the target knows the user, however old: a follow, a like, or an old exchange.
    const aware = ledger.signalsFrom(target.id, me.id, { kinds: [...AWARE_KINDS, ...KNOWING_KINDS], until: now + 1, limit: 5 });
    const level: FamiliarityLevel =
      knowingCount >= ENGAGED_AT && answerCount >= ENGAGED_ANSWERS
        ? 'engaged'
        : knowingCount >= FAMILIAR_AT
          ? 'familiar'
          : aware.length > 0 || knowingCount > 0
            ? 'aware'
            : 'none';
    const evidence = [...new Set([...knowing.slice(0, 5), ...aware.slice(0, 2)].map((signal) => signal.id))];
    return {
      rule: this.kind,
      score: SCORES[level],
      reasons: [{ text: this.sentence(level, me.name, target.name, { knowing, knowingCount, answerCount, aware }, days), evidence }],
      nextSteps: this.nextSteps(level, target.name),
      facts: { level, knowing: knowingCount, answers: answerCount },
    };
  }

  private sentence(
    level: FamiliarityLevel,
    me: string,
    target: string,
    seen: { knowing: readonly SignalRecord[]; knowingCount: number; answerCount: number; aware: readonly SignalRecord[] },
    days: number,
  ): string {
    const last = seen.knowing[0];
    switch (level) {
      case 'none':
        return `${target} shows no sign of knowing ${me}: no follow, like, reply or mention from ${target}.`;
      case 'aware': {
        const sign = seen.aware[0] ?? seen.knowing[0];
        const what = sign
          ? `${sign.kind === 'follow' || sign.kind === 'connection' ? 'followed or connected with' : sign.kind === 'like' ? 'liked something of' : 'last reached'} ${me} on ${formatDay(sign.at)}`
          : '';
        return `${target} is aware of ${me} (${what}), but has started or answered fewer than ${FAMILIAR_AT} exchanges in the last ${days} days.`;
      }
      case 'familiar':
        return `${target} is familiar with ${me}: ${target} started or answered ${times(seen.knowingCount)} in the last ${days} days, last on ${formatDay(last?.at ?? 0)}.`;
      case 'engaged':
        return `${target} and ${me} are engaged: ${target} started or answered ${times(seen.knowingCount)} and ${me} ${times(seen.answerCount)} in the last ${days} days, last on ${formatDay(last?.at ?? 0)}.`;
    }
  }

  private nextSteps(level: FamiliarityLevel, target: string): string[] {
    if (level === 'none') return [`${target} does not know you yet: contribute to ${target}'s world in public before any ask.`];
    if (level === 'aware')
      return [`${target} knows of you: answer one of ${target}'s posts with something useful, so that real exchanges start.`];
    return [];
  }
}
