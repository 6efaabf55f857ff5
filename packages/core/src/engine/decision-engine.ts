import type { Clock, Decision, DecisionReason, Hold, LedgerView, Logger, Person, RuleScope, Verdict } from '@handshake/sdk';
import type { RuleBinding } from './rule-binding.js';

export interface EngineOptions {
  /** Readiness needed to ask through an introducer. */
  readonly askAt: number;
  /** Readiness needed to ask directly: a strong familiarity, since nobody vouches for the user. */
  readonly directAskAt: number;
  /** Below this the relationship is cold: next steps start from the target's world. */
  readonly warmUpAt: number;
  /** How many candidate introducers to judge per target. */
  readonly introducers: number;
}

/** One rule's verdict as the engine used it. */
export interface RuleOutcome {
  readonly rule: string;
  readonly kind: string;
  readonly plugin: string;
  readonly weight: number;
  readonly scope: RuleScope;
  readonly verdict: Verdict;
  /** Set when the rule threw; the verdict then carries no score. */
  readonly failed?: string;
}

/** Asking directly (no introducer) or through one introducer, with the readiness it would have. */
export interface PathOption {
  readonly introducer?: Person;
  /** Path-scoped verdicts; empty for the direct option. */
  readonly verdicts: readonly RuleOutcome[];
  readonly readiness: number;
  /** Why this path may not be used now, if it may not. */
  readonly hold?: { readonly rule: string; readonly hold: Hold };
}

/** Everything the engine weighed for one target: what `explain` prints. */
export interface TargetEvaluation {
  readonly target: Person;
  readonly targetVerdicts: readonly RuleOutcome[];
  readonly options: readonly PathOption[];
  readonly chosen: PathOption;
  readonly decision: Decision;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Decides, for each target, whether to ask, warm up, or hold. Gates first: a hold from any rule
 * about the target holds it, and an introducer on hold (or a target on hold) is never proposed.
 * Then readiness: the weighted mean of the rules' scores, for asking directly (target rules only)
 * and for each candidate introducer (target rules plus path rules); the best option wins. Pure
 * given the ledger view and the clock, so the same ledger always gives the same decisions.
 */
export class DecisionEngine {
  private readonly targetRules: readonly RuleBinding[];
  private readonly pathRules: readonly RuleBinding[];

  constructor(
    rules: readonly RuleBinding[],
    private readonly options: EngineOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.targetRules = rules.filter((rule) => rule.contribution.scopes.includes('target'));
    this.pathRules = rules.filter((rule) => rule.contribution.scopes.includes('path'));
  }

  evaluate(view: LedgerView, targets: readonly Person[]): TargetEvaluation[] {
    const now = this.clock.now();
    const me = view.me();
    const ordered = [...targets].sort((a, b) => personRow(a) - personRow(b));
    const targetVerdicts = new Map<string, RuleOutcome[]>();
    for (const target of ordered) {
      targetVerdicts.set(
        target.id,
        this.targetRules.map((rule) => this.judge(rule, 'target', view, now, me, target)),
      );
    }
    const heldTargets = new Set(ordered.filter((target) => firstHold(targetVerdicts.get(target.id) ?? [])).map((target) => target.id));
    return ordered.map((target) => this.decide(view, now, me, target, targetVerdicts.get(target.id) ?? [], heldTargets));
  }

  private decide(
    view: LedgerView,
    now: number,
    me: Person,
    target: Person,
    verdicts: readonly RuleOutcome[],
    heldTargets: ReadonlySet<string>,
  ): TargetEvaluation {
    const direct: PathOption = { verdicts: [], readiness: round(this.readiness(verdicts, [])) };
    const options: PathOption[] = [direct];
    const targetHold = firstHold(verdicts);
    if (!targetHold) {
      for (const id of view.mutuals(me.id, target.id, this.options.introducers)) {
        const introducer = view.person(id);
        if (!introducer || introducer.id === me.id) continue;
        const pathVerdicts = this.pathRules.map((rule) => this.judge(rule, 'path', view, now, me, target, introducer));
        const hold = firstHold(pathVerdicts) ?? (heldTargets.has(introducer.id) ? heldAsTarget(introducer) : undefined);
        options.push({ introducer, verdicts: pathVerdicts, readiness: round(this.readiness(verdicts, pathVerdicts)), hold });
      }
    }
    // The best option that clears its own bar (ask-at through an introducer, direct-ask-at without);
    // when none does, the most ready one, whose reasons and next steps show the way.
    const usable = options.filter((option) => !option.hold);
    const eligible = usable.filter((option) => option.readiness >= (option.introducer ? this.options.askAt : this.options.directAskAt));
    const best = (list: readonly PathOption[]) =>
      list.reduce<PathOption | undefined>((top, option) => (!top || option.readiness > top.readiness ? option : top), undefined);
    const chosen = best(eligible) ?? best(usable) ?? direct;
    const decision = this.decision(now, target, verdicts, chosen, options, targetHold);
    return { target, targetVerdicts: verdicts, options, chosen, decision };
  }

  private decision(
    now: number,
    target: Person,
    verdicts: readonly RuleOutcome[],
    chosen: PathOption,
    options: readonly PathOption[],
    targetHold: { rule: string; hold: Hold } | undefined,
  ): Decision {
    const at = new Date(now).toISOString();
    const readiness = chosen.readiness;
    const reasons: DecisionReason[] = [];
    const holds = verdicts.filter((outcome) => outcome.verdict.hold);
    // A rule that holds usually says why in its own reasons; the hold speaks for itself otherwise.
    for (const outcome of holds)
      if (outcome.verdict.reasons.length === 0) reasons.push(holdReason(outcome.rule, outcome.verdict.hold as Hold));
    for (const outcome of [...verdicts, ...chosen.verdicts]) {
      for (const reason of outcome.verdict.reasons) reasons.push({ rule: outcome.rule, text: reason.text, evidence: [...reason.evidence] });
    }
    // A better path that is on hold is worth saying, so the user knows why it is not proposed.
    for (const option of options) {
      if (option.hold && option.readiness > chosen.readiness && option.introducer) {
        reasons.push({
          rule: option.hold.rule,
          text: `${option.introducer.name} is not proposed: ${option.hold.hold.reason}`,
          evidence: [],
        });
      }
    }
    const nextSteps = dedupe([...verdicts, ...chosen.verdicts].flatMap((outcome) => outcome.verdict.nextSteps ?? []));
    const base = { at, target: { name: target.name, person: target.id }, readiness, reasons };
    if (targetHold) {
      const until = latestUntil(holds.map((outcome) => outcome.verdict.hold as Hold));
      return { ...base, status: 'hold', nextSteps, ...(until ? { until } : {}) };
    }
    if (readiness >= (chosen.introducer ? this.options.askAt : this.options.directAskAt)) {
      const via = chosen.introducer ? { via: { name: chosen.introducer.name, person: chosen.introducer.id } } : {};
      const step = chosen.introducer
        ? `Ask ${chosen.introducer.name} to introduce you to ${target.name}.`
        : `Reach out to ${target.name} directly: you already know each other well.`;
      return { ...base, status: 'ask', ...via, nextSteps: [step, ...nextSteps] };
    }
    const bar = chosen.introducer
      ? `ask-at ${this.options.askAt}`
      : `direct-ask-at ${this.options.directAskAt} (no introducer path reaches ask-at ${this.options.askAt})`;
    const gap = `Readiness ${readiness.toFixed(2)} is below ${bar}${readiness < this.options.warmUpAt ? `, and below warm-up-at ${this.options.warmUpAt}: the relationship is cold` : ''}.`;
    return { ...base, status: 'warm-up', reasons: [...reasons, { rule: 'engine', text: gap, evidence: [] }], nextSteps };
  }

  /** The weighted mean of the scores: target rules, with a rule's path verdict replacing its target verdict on a path. */
  private readiness(targetVerdicts: readonly RuleOutcome[], pathVerdicts: readonly RuleOutcome[]): number {
    const onPath = new Set(pathVerdicts.map((outcome) => outcome.rule));
    let weighted = 0;
    let weights = 0;
    for (const outcome of [...targetVerdicts.filter((o) => !onPath.has(o.rule)), ...pathVerdicts]) {
      const score = outcome.verdict.score;
      if (score === undefined || outcome.weight === 0) continue;
      weighted += outcome.weight * score;
      weights += outcome.weight;
    }
    return weights === 0 ? 0 : weighted / weights;
  }

  /** Runs one rule; a rule that throws or answers nonsense is reported and counts as having no score. */
  private judge(
    rule: RuleBinding,
    scope: RuleScope,
    view: LedgerView,
    now: number,
    me: Person,
    target: Person,
    introducer?: Person,
  ): RuleOutcome {
    const base = { rule: rule.id, kind: rule.kind, plugin: rule.plugin, weight: rule.weight, scope };
    try {
      const verdict = rule.contribution.evaluate({ options: rule.options, ledger: view, now, me, target, introducer });
      const problem = verdictProblem(verdict);
      if (problem) throw new Error(problem);
      const score = verdict.score === undefined ? undefined : Math.min(1, Math.max(0, verdict.score));
      return { ...base, verdict: { ...verdict, rule: rule.id, score } };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ plugin: rule.plugin, rule: rule.id, target: target.id, introducer: introducer?.id, err: error }, 'rule failed');
      return {
        ...base,
        failed: message,
        verdict: { rule: rule.id, reasons: [{ text: `The ${rule.id} rule failed: ${message}`, evidence: [] }] },
      };
    }
  }
}

function verdictProblem(verdict: Verdict): string | undefined {
  if (typeof verdict !== 'object' || verdict === null) return 'returned no verdict';
  if (verdict.score !== undefined && (typeof verdict.score !== 'number' || Number.isNaN(verdict.score)))
    return `returned a score that is not a number: ${String(verdict.score)}`;
  if (!Array.isArray(verdict.reasons)) return 'returned a verdict without reasons';
  return undefined;
}

function firstHold(outcomes: readonly RuleOutcome[]): { rule: string; hold: Hold } | undefined {
  const outcome = outcomes.find((candidate) => candidate.verdict.hold);
  return outcome ? { rule: outcome.rule, hold: outcome.verdict.hold as Hold } : undefined;
}

function heldAsTarget(person: Person): { rule: string; hold: Hold } {
  return { rule: 'engine', hold: { reason: `${person.name} is a target on hold, so not someone to ask now` } };
}

function holdReason(rule: string, hold: Hold): DecisionReason {
  const lifts = hold.until
    ? ` The hold lifts on ${hold.until.slice(0, 10)}.`
    : hold.liftsWhen
      ? ` The hold lifts when ${hold.liftsWhen}.`
      : '';
  const sentence = hold.reason.endsWith('.') ? hold.reason : `${hold.reason}.`;
  return { rule, text: `${sentence}${lifts}`, evidence: [...(hold.evidence ?? [])] };
}

/** All holds must lift: the decision holds until the latest; unknown when one has no date. */
function latestUntil(holds: readonly Hold[]): string | undefined {
  if (holds.some((hold) => !hold.until)) return undefined;
  return holds
    .map((hold) => hold.until as string)
    .sort()
    .at(-1);
}

function dedupe(steps: readonly string[]): string[] {
  return [...new Set(steps)];
}

function personRow(person: Person): number {
  return Number(person.id.slice(2));
}
