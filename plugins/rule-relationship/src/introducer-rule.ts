import { DAY_MS, decay, duration, formatDay, injectable, type RuleContribution, type RuleQuestion, type Verdict, z } from '@handshake/sdk';
import { ago, describeTie } from './describe-tie.js';
import { MODERATE_TIE, measureTie, STRONG_TIE } from './tie-measure.js';

export const IntroducerRuleOptions = z.strictObject({
  halfLife: duration().prefault('90d'),
  /** Someone who follows more accounts than this is a hub, not a trusted associate. */
  hubFollowing: z.number().int().min(1).default(1000),
  /** An introducer asked for an introduction this recently is spared another ask. */
  askedWithin: duration().prefault('90d'),
});
export type IntroducerRuleOptions = z.infer<typeof IntroducerRuleOptions>;

const ASKED_FACTOR = 0.3;
const WEAK_LEG_FACTOR = 0.6;
const NO_STRONG_LEG_FACTOR = 0.85;

/**
 * Ranks a mutual connection as an introducer. Best is strong both ways: both legs at least
 * moderate and one strong, with recent contact with the user. Hubs are discounted (following
 * thousands says little about any one of them), and so is anyone asked for an introduction recently.
 */
@injectable()
export class IntroducerRule implements RuleContribution<IntroducerRuleOptions> {
  readonly kind = 'introducer';
  readonly options = IntroducerRuleOptions;
  readonly scopes = ['path'] as const;

  evaluate({ ledger, me, target, introducer, now, options }: RuleQuestion<IntroducerRuleOptions>): Verdict {
    if (!introducer) return { rule: this.kind, reasons: [] };
    const toUser = measureTie(ledger, me, introducer, now, options);
    const toTarget = measureTie(ledger, introducer, target, now, options);
    const reasons = [
      { text: describeTie(me, introducer, toUser), evidence: toUser.recent.map((signal) => signal.id) },
      { text: describeTie(introducer, target, toTarget), evidence: toTarget.recent.map((signal) => signal.id) },
    ];
    let score = Math.sqrt(toUser.strength * toTarget.strength);
    const weakest = Math.min(toUser.strength, toTarget.strength);
    const strongest = Math.max(toUser.strength, toTarget.strength);
    if (weakest < MODERATE_TIE) {
      score *= WEAK_LEG_FACTOR;
      reasons.push({
        text: `One leg of the path through ${introducer.name} is weak (${weakest.toFixed(2)}): an introduction needs both to be at least moderate.`,
        evidence: [],
      });
    } else if (strongest < STRONG_TIE) {
      score *= NO_STRONG_LEG_FACTOR;
      reasons.push({ text: `Both legs through ${introducer.name} are moderate; the best path has one strong leg.`, evidence: [] });
    }
    // Recent contact with the user matters most: an introducer has to remember who is asking.
    const recency = toUser.lastAt === undefined ? 0 : decay(now - toUser.lastAt, options.halfLife);
    score *= 0.6 + 0.4 * recency;
    const following = ledger.audience(introducer.id).following;
    if (following > options.hubFollowing) {
      const factor = Math.sqrt(options.hubFollowing / following);
      score *= factor;
      reasons.push({
        text: `${introducer.name} follows ${following.toLocaleString('en-US')} accounts: a hub rather than a trusted associate, so this path counts ×${factor.toFixed(2)}.`,
        evidence: [],
      });
    }
    const asked = ledger.signalsFrom(me.id, introducer.id, {
      kinds: ['introduction'],
      since: now - options.askedWithin,
      until: now + 1,
      limit: 1,
    })[0];
    if (asked) {
      score *= ASKED_FACTOR;
      const days = Math.floor((now - asked.at) / DAY_MS);
      reasons.push({
        text: `You asked ${introducer.name} for an introduction ${ago(days)} (${formatDay(asked.at)}); asking again so soon spends their goodwill, so this path counts ×${ASKED_FACTOR}.`,
        evidence: [asked.id],
      });
    }
    return {
      rule: this.kind,
      score,
      reasons,
      facts: {
        toUser: round(toUser.strength),
        toTarget: round(toTarget.strength),
        bandToUser: toUser.band,
        bandToTarget: toTarget.band,
        following,
      },
      about: introducer.identities,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
