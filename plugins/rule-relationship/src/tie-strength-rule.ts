import { duration, injectable, type RuleContribution, type RuleQuestion, type Verdict, z } from '@handshake/sdk';
import { describeTie } from './describe-tie.js';
import { measureTie } from './tie-measure.js';

export const TieStrengthRuleOptions = z.strictObject({
  /** How fast an exchange's weight fades. */
  halfLife: duration().prefault('90d'),
});
export type TieStrengthRuleOptions = z.infer<typeof TieStrengthRuleOptions>;

/**
 * How strong the user's own tie with the target is: recency, duration, intensity, reciprocity and
 * structure, combined as the README explains. Weak below 0.4, moderate to 0.7, strong above.
 */
@injectable()
export class TieStrengthRule implements RuleContribution<TieStrengthRuleOptions> {
  readonly kind = 'tie-strength';
  readonly options = TieStrengthRuleOptions;
  readonly scopes = ['target'] as const;

  evaluate({ ledger, me, target, now, options }: RuleQuestion<TieStrengthRuleOptions>): Verdict {
    const tie = measureTie(ledger, me, target, now, options);
    return {
      rule: this.kind,
      score: tie.strength,
      reasons: [{ text: describeTie(me, target, tie), evidence: tie.recent.map((signal) => signal.id) }],
      facts: {
        band: tie.band,
        strength: Math.round(tie.strength * 1000) / 1000,
        daysSinceLast: tie.daysSinceLast ?? 'never',
        mutuals: tie.mutuals,
      },
    };
  }
}
