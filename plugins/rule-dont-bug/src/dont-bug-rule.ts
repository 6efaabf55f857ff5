import {
  DAY_MS,
  duration,
  formatDay,
  type Hold,
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

export const DontBugRuleOptions = z.strictObject({
  /** This many messages or mentions without an answer holds the ask... */
  unanswered: z.number().int().min(1).default(2),
  /** ...when they fall within this window. The hold lifts this long after the last of them. */
  window: duration().prefault('30d'),
  /** After an introduction to the target was asked, wait this long before asking again. */
  introductionCooldown: duration().prefault('90d'),
});
export type DontBugRuleOptions = z.infer<typeof DontBugRuleOptions>;

/** Reaching out in words: what deserves an answer. */
const OUTREACH_KINDS: readonly SignalKind[] = ['message', 'mention', 'reply', 'comment'];
/** Signals cited as evidence of unanswered outreach, the latest first. */
const EVIDENCE = 10;
/** Any sign of life from the other side counts as an answer. */
const ANSWER_KINDS: readonly SignalKind[] = ['message', 'mention', 'reply', 'comment', 'like', 'share', 'follow', 'connection'];

/**
 * Holds the ask when reaching out now would bug someone: the user wrote without an answer (two
 * messages or mentions within 30 days, by default), an introduction to the target was asked
 * within the last 90 days, or the target blocked or muted the user. On a path, it holds an
 * introducer the user has pestered or who shut the user out. A hold always says when it lifts.
 */
@injectable()
export class DontBugRule implements RuleContribution<DontBugRuleOptions> {
  readonly kind = 'dont-bug';
  readonly options = DontBugRuleOptions;
  readonly scopes = ['target', 'path'] as const;

  evaluate({ ledger, me, target, introducer, now, options }: RuleQuestion<DontBugRuleOptions>): Verdict {
    const other = introducer ?? target;
    const holds: { hold: Hold; reason: Reason }[] = [];
    // The user's standing with an introducer recurs for every target they might open: judged once per round.
    const key = `${me.id}|${other.id}|${now}|${options.window}|${options.unanswered}`;
    const shutOut = memoPerView(ledger, `dont-bug:shut|${key}`, () => this.shutOut(ledger, me, other, now));
    if (shutOut) holds.push(shutOut);
    const unanswered = memoPerView(ledger, `dont-bug:unanswered|${key}`, () => this.unanswered(ledger, me, other, now, options));
    if (unanswered) holds.push(unanswered);
    if (!introducer) {
      const asked = this.askedRecently(ledger, me, target, now, options);
      if (asked) holds.push(asked);
    }
    if (holds.length === 0) {
      return { rule: this.kind, reasons: [{ text: `Nothing says reaching ${other.name} now would bug them.`, evidence: [] }] };
    }
    // The verdict holds until every reason lifts: a dated hold only when all of them are dated.
    const dated = holds.every((entry) => entry.hold.until !== undefined);
    const until = dated
      ? holds
          .map((entry) => entry.hold.until as string)
          .sort()
          .at(-1)
      : undefined;
    const liftsWhen = holds.find((entry) => entry.hold.liftsWhen)?.hold.liftsWhen;
    const hold: Hold = {
      reason: holds.map((entry) => entry.hold.reason).join('; '),
      ...(until ? { until } : {}),
      ...(liftsWhen && !until ? { liftsWhen } : {}),
      evidence: holds.flatMap((entry) => entry.hold.evidence ?? []),
    };
    return {
      rule: this.kind,
      hold,
      reasons: holds.map((entry) => entry.reason),
      nextSteps: [
        `Do not write to ${other.name} again now; ${until ? `wait until ${until.slice(0, 10)}` : `wait until ${liftsWhen}`}, and contribute to their world meanwhile.`,
      ],
    };
  }

  private shutOut(ledger: LedgerView, me: Person, other: Person, now: number) {
    const shut = ledger.signalsFrom(other.id, me.id, { kinds: ['block', 'mute'], until: now + 1, limit: 1 })[0];
    if (!shut) return undefined;
    const what = shut.kind === 'block' ? 'blocked' : 'muted';
    return {
      hold: {
        reason: `${other.name} ${what} ${me.name} (${formatDay(shut.at)})`,
        liftsWhen: `${other.name} un${what === 'blocked' ? 'blocks' : 'mutes'} ${me.name}`,
        evidence: [shut.id],
      },
      reason: {
        text: `${other.name} ${what} ${me.name} on ${formatDay(shut.at)}: no ask of any kind while that stands.`,
        evidence: [shut.id],
      },
    };
  }

  private unanswered(ledger: LedgerView, me: Person, other: Person, now: number, options: DontBugRuleOptions) {
    const lastAnswer = ledger.signalsFrom(other.id, me.id, { kinds: ANSWER_KINDS, until: now + 1, limit: 1 })[0];
    const since = Math.max(now - options.window, (lastAnswer?.at ?? Number.NEGATIVE_INFINITY) + 1);
    const window = { kinds: OUTREACH_KINDS, since, until: now + 1 };
    const tallies = ledger.countFrom(me.id, other.id, window);
    const count = tallies.reduce((total, tally) => total + tally.count, 0);
    if (count < options.unanswered) return undefined;
    const first = { at: Math.min(...tallies.map((tally) => tally.firstAt)) };
    const last = { at: Math.max(...tallies.map((tally) => tally.lastAt)) };
    const until = new Date(last.at + options.window).toISOString();
    const days = Math.round(options.window / DAY_MS);
    const evidence = ledger.signalsFrom(me.id, other.id, { ...window, limit: EVIDENCE }).map((signal) => signal.id);
    return {
      hold: {
        reason: `${me.name} reached out to ${other.name} ${count} times since ${formatDay(first.at)} without an answer`,
        until,
        evidence,
      },
      reason: {
        text: `${me.name} wrote to or mentioned ${other.name} ${count} times between ${formatDay(first.at)} and ${formatDay(last.at)}, and ${other.name} has not answered${lastAnswer ? ` since ${formatDay(lastAnswer.at)}` : ''}. The hold lifts when ${other.name} answers, or ${days} days after the last of them (${until.slice(0, 10)}).`,
        evidence,
      },
    };
  }

  private askedRecently(ledger: LedgerView, me: Person, target: Person, now: number, options: DontBugRuleOptions) {
    const since = now - options.introductionCooldown;
    const targetIds = new Set(target.identities.map((identity) => `${identity.network}\u0000${identity.id}`));
    const asked = introductionsAsked(ledger, me, since, now).find(
      (signal) =>
        signal.subject === target.id ||
        (signal.object?.about && targetIds.has(`${signal.object.about.network}\u0000${signal.object.about.id}`)),
    );
    if (!asked) return undefined;
    const until = new Date(asked.at + options.introductionCooldown).toISOString();
    const outcome = asked.object?.outcome ? ` (${asked.object.outcome})` : '';
    return {
      hold: { reason: `an introduction to ${target.name} was asked on ${formatDay(asked.at)}${outcome}`, until, evidence: [asked.id] },
      reason: {
        text: `An introduction to ${target.name} was asked on ${formatDay(asked.at)}${outcome}; asking again within ${Math.round(options.introductionCooldown / DAY_MS)} days would press. The hold lifts on ${until.slice(0, 10)}.`,
        evidence: [asked.id],
      },
    };
  }
}

/** The user's introductions in the cooldown, read once per evaluation round: every target checks them. */
function introductionsAsked(ledger: LedgerView, me: Person, since: number, now: number): readonly SignalRecord[] {
  return memoPerView(ledger, `dont-bug:introductions|${me.id}|${since}|${now}`, () =>
    ledger.signalsBy(me.id, { kinds: ['introduction'], since, until: now + 1 }),
  );
}
