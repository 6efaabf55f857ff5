import {
  DAY_MS,
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
  type SignalKind,
  type SignalRecord,
  type Verdict,
  z,
} from '@handshake/sdk';
import { worldOf } from './world-model.js';

export const ContributionRuleOptions = z.strictObject({
  halfLife: duration().prefault('180d'),
  /** A contribution counts more when the target or their circle answered it within this. */
  acknowledgedWithin: duration().prefault('30d'),
  circleSize: z.number().int().min(1).max(50).default(5),
});
export type ContributionRuleOptions = z.infer<typeof ContributionRuleOptions>;

type ContributionType = 'project' | 'work' | 'reply' | 'circle' | 'topic';

const WEIGHTS: Readonly<Record<ContributionType, number>> = { project: 4, work: 3, reply: 2, circle: 1.5, topic: 1 };
const DESCRIPTIONS: Readonly<Record<ContributionType, string>> = {
  project: 'contributed to a project of {target}',
  work: "shared {target}'s work",
  reply: "replied to {target}'s posts",
  circle: 'shared the work of people {target} follows',
  topic: 'posted about topics {target} cares about',
};
const ACKNOWLEDGED_FACTOR = 1.5;
/** A reply this short adds little; it counts half. */
const SHORT_REPLY = 80;
/** Decayed weight at which the score reaches about 0.63. */
const SCALE = 6;
const ACKNOWLEDGING_KINDS: readonly SignalKind[] = ['like', 'share', 'reply', 'mention', 'comment', 'follow', 'message', 'link'];

interface Counted {
  readonly signal: SignalRecord;
  readonly type: ContributionType;
  readonly weight: number;
  readonly acknowledged: boolean;
}

/**
 * The user's commitment to the target's world: sharing the target's work and the work of people
 * they follow, replies that add to their posts, contributions to their projects, posts on their
 * topics. Each counts more when the target or their circle acknowledged it, and fades with a
 * half-life (default 180 days).
 */
@injectable()
export class ContributionRule implements RuleContribution<ContributionRuleOptions> {
  readonly kind = 'contribution';
  readonly options = ContributionRuleOptions;
  readonly scopes = ['target'] as const;

  evaluate({ ledger, me, target, now, options }: RuleQuestion<ContributionRuleOptions>): Verdict {
    const world = worldOf(ledger, me, target, now, options);
    const until = now + 1;
    const circle = world.circle.map((person) => person.person);
    const acknowledgements = [target.id, ...circle].flatMap((person) =>
      ledger.signalsFrom(person, me.id, { kinds: ACKNOWLEDGING_KINDS, until }),
    );
    const acknowledged = (signal: SignalRecord) =>
      acknowledgements.some((answer) => answer.at >= signal.at && answer.at - signal.at <= options.acknowledgedWithin);

    const found: { signal: SignalRecord; type: ContributionType }[] = [];
    for (const signal of ledger.signalsFrom(me.id, target.id, { kinds: ['contribution', 'share', 'link', 'reply', 'comment'], until })) {
      found.push({
        signal,
        type: signal.kind === 'contribution' ? 'project' : signal.kind === 'share' || signal.kind === 'link' ? 'work' : 'reply',
      });
    }
    for (const person of circle) {
      for (const signal of ledger.signalsFrom(me.id, person, { kinds: ['share', 'link', 'contribution'], until }))
        found.push({ signal, type: 'circle' });
    }
    const topics = new Set(world.topics.map((topic) => topic.topic));
    if (topics.size > 0) {
      for (const signal of myPosts(ledger, me, now, options.halfLife)) {
        if (signal.object?.topics?.some((topic) => topics.has(topic.replace(/^#+/, '').toLowerCase())))
          found.push({ signal, type: 'topic' });
      }
    }
    const counted: Counted[] = found.map(({ signal, type }) => {
      const short = type === 'reply' && (signal.object?.text?.length ?? 0) < SHORT_REPLY;
      const isAcknowledged = acknowledged(signal);
      const weight =
        WEIGHTS[type] * (short ? 0.5 : 1) * (isAcknowledged ? ACKNOWLEDGED_FACTOR : 1) * decay(now - signal.at, options.halfLife);
      return { signal, type, weight, acknowledged: isAcknowledged };
    });
    const total = counted.reduce((sum, entry) => sum + entry.weight, 0);
    const score = 1 - Math.exp(-total / SCALE);
    return {
      rule: this.kind,
      score,
      reasons: this.reasons(counted, me, target, now),
      nextSteps: score >= 0.6 ? [] : this.nextSteps(counted, target, world),
      facts: {
        contributions: counted.length,
        acknowledged: counted.filter((entry) => entry.acknowledged).length,
        weight: Math.round(total * 100) / 100,
      },
    };
  }

  private reasons(counted: readonly Counted[], me: Person, target: Person, now: number): Reason[] {
    if (counted.length === 0) {
      return [
        {
          text: `${me.name} has not yet contributed to ${target.name}'s world: no shares of their work or their circle's, no replies, no contributions, no posts on their topics.`,
          evidence: [],
        },
      ];
    }
    const reasons: Reason[] = [];
    for (const type of ['project', 'work', 'reply', 'circle', 'topic'] as const) {
      const ofType = counted.filter((entry) => entry.type === type).sort((a, b) => b.signal.at - a.signal.at);
      if (ofType.length === 0) continue;
      const latest = ofType[0] as Counted;
      const acknowledged = ofType.filter((entry) => entry.acknowledged).length;
      const what = DESCRIPTIONS[type].replace('{target}', target.name);
      const days = Math.floor((now - latest.signal.at) / DAY_MS);
      reasons.push({
        text: `${me.name} ${what} ${ofType.length === 1 ? 'once' : `${ofType.length} times`}, last on ${formatDay(latest.signal.at)} (${days} days ago)${acknowledged > 0 ? `; ${acknowledged} acknowledged by ${target.name} or their circle` : ''}.`,
        evidence: ofType.slice(0, 5).map((entry) => entry.signal.id),
      });
    }
    return reasons;
  }

  /** Only what the world rule does not already propose: sharing the target's own work. */
  private nextSteps(counted: readonly Counted[], target: Person, world: ReturnType<typeof worldOf>): string[] {
    if (counted.some((entry) => entry.type === 'work')) return [];
    const post = world.recentPosts[0];
    return post
      ? [`Share ${target.name}'s work with a line on why it matters${post.object?.url ? `, such as ${post.object.url}` : ''}.`]
      : [];
  }
}

/** The user's recent posts, read once per evaluation round: every target compares against them. */
function myPosts(ledger: LedgerView, me: Person, now: number, halfLife: number): readonly SignalRecord[] {
  return memoPerView(ledger, `contribution:posts|${me.id}|${now}|${halfLife}`, () =>
    ledger.signalsBy(me.id, { kinds: ['post'], since: now - 4 * halfLife, until: now + 1, limit: 2000 }),
  );
}
