import type { EngineOptions, PathOption, RuleOutcome, TargetEvaluation } from './decision-engine.js';

interface Contribution {
  readonly outcome: RuleOutcome;
  readonly score: number;
}

/** The scored verdicts that made an option's readiness, each rule once (a path verdict replacing its target one). */
function scoredOutcomes(evaluation: TargetEvaluation, option: PathOption): Contribution[] {
  const onPath = new Set(option.verdicts.map((outcome) => outcome.rule));
  return [...evaluation.targetVerdicts.filter((outcome) => !onPath.has(outcome.rule)), ...option.verdicts]
    .filter((outcome) => outcome.verdict.score !== undefined && outcome.weight > 0)
    .map((outcome) => ({ outcome, score: outcome.verdict.score as number }));
}

const fixed = (value: number) => value.toFixed(2);

/**
 * What would change a decision, in sentences: for a hold, what lifts it; for a warm-up, which
 * rule's score would have to reach what for readiness to reach ask-at; for an ask, what keeps it.
 */
export function whatWouldChange(evaluation: TargetEvaluation, options: EngineOptions): string[] {
  const { decision, chosen } = evaluation;
  const target = evaluation.target.name;
  if (decision.status === 'hold') {
    const holds = evaluation.targetVerdicts.filter((outcome) => outcome.verdict.hold);
    return holds.map((outcome) => {
      const hold = outcome.verdict.hold;
      const lifts = hold?.until ? `on ${hold.until.slice(0, 10)}` : hold?.liftsWhen ? `when ${hold.liftsWhen}` : 'when its reason changes';
      return `The ${outcome.rule} hold lifts ${lifts}; then readiness ${fixed(decision.readiness)} would make it ${decision.readiness >= options.askAt ? 'an ask' : 'a warm-up'}.`;
    });
  }
  const parts = scoredOutcomes(evaluation, chosen);
  const totalWeight = parts.reduce((sum, part) => sum + part.outcome.weight, 0);
  const weighted = parts.reduce((sum, part) => sum + part.outcome.weight * part.score, 0);
  const lines: string[] = [];
  const bar = chosen.introducer ? options.askAt : options.directAskAt;
  const barName = chosen.introducer ? 'ask-at' : 'direct-ask-at';
  if (decision.status === 'ask') {
    lines.push(`It stays an ask while readiness (${fixed(decision.readiness)}) is at least ${barName} ${bar}.`);
    const weakest = [...parts].sort((a, b) => a.score - b.score)[0];
    if (weakest) lines.push(`Its weakest part is ${weakest.outcome.rule} at ${fixed(weakest.score)}.`);
    const next = evaluation.options.filter((option) => option !== chosen && !option.hold).sort((a, b) => b.readiness - a.readiness)[0];
    if (next)
      lines.push(
        `Without ${chosen.introducer?.name ?? 'the direct path'}, the next best is ${next.introducer ? `through ${next.introducer.name}` : 'asking directly'} at ${fixed(next.readiness)}.`,
      );
    return lines;
  }
  const reachable: string[] = [];
  const gains: { rule: string; gain: number }[] = [];
  for (const part of parts) {
    const others = weighted - part.outcome.weight * part.score;
    const needed = (options.askAt * totalWeight - others) / part.outcome.weight;
    if (needed > part.score && needed <= 1) {
      reachable.push(
        `${part.outcome.rule} is at ${fixed(part.score)} (weight ${part.outcome.weight}); at ${fixed(needed)} readiness would reach ask-at ${options.askAt}.`,
      );
    }
    gains.push({ rule: part.outcome.rule, gain: (part.outcome.weight * (1 - part.score)) / totalWeight });
  }
  lines.push(...reachable);
  if (reachable.length === 0 && gains.length > 0) {
    const best = gains.sort((a, b) => b.gain - a.gain).slice(0, 3);
    lines.push(
      `No single rule can lift readiness to ask-at ${options.askAt} alone; the largest gains would come from ${best.map((entry) => `${entry.rule} (+${fixed(entry.gain)})`).join(', ')}.`,
    );
  }
  if (evaluation.options.length === 1) {
    lines.push(`No mutual connection ties you to ${target} yet: an introducer close to both of you would open a path.`);
  }
  return lines;
}
