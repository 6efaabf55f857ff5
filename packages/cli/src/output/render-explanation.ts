import type { EngineOptions, PathOption, RuleOutcome, TargetEvaluation } from '@handshake/core';
import { formatDay, type LedgerView, type SignalRecord } from '@handshake/sdk';

const EVIDENCE_SHOWN = 3;

function describeSignal(signal: SignalRecord, view: LedgerView): string {
  const actor = view.person(signal.actor)?.name ?? signal.actor;
  const subject = view.person(signal.subject)?.name ?? signal.subject;
  const text = signal.object?.text
    ? `: "${signal.object.text.replace(/\s+/g, ' ').slice(0, 60)}${signal.object.text.length > 60 ? '…' : ''}"`
    : '';
  const towards = signal.actor === signal.subject ? '' : ` → ${subject}`;
  return `${signal.kind} ${actor}${towards}, ${formatDay(signal.at)}${text} [${signal.id}]`;
}

function renderOutcome(outcome: RuleOutcome, view: LedgerView, indent: string): string[] {
  const { verdict } = outcome;
  const score = outcome.failed
    ? 'failed'
    : verdict.hold
      ? 'HOLD'
      : verdict.score === undefined
        ? 'no score'
        : `${verdict.score.toFixed(2)} × ${outcome.weight}`;
  const facts = verdict.facts?.band ?? verdict.facts?.level;
  const lines = [`${indent}${outcome.rule.padEnd(14)} ${score.padEnd(11)} ${facts ? `(${facts})` : ''}`.trimEnd()];
  for (const reason of verdict.reasons) {
    lines.push(`${indent}    ${reason.text}`);
    for (const id of reason.evidence.slice(0, EVIDENCE_SHOWN)) {
      const signal = view.signal(id);
      lines.push(`${indent}      · ${signal ? describeSignal(signal, view) : id}`);
    }
    if (reason.evidence.length > EVIDENCE_SHOWN) lines.push(`${indent}      · and ${reason.evidence.length - EVIDENCE_SHOWN} more`);
  }
  return lines;
}

function optionTitle(option: PathOption): string {
  return option.introducer ? `through ${option.introducer.name} (${option.introducer.id})` : 'directly';
}

/** `handshake explain`: the decision, every rule's verdict with its evidence, every path, and what would change it. */
export function renderExplanation(
  evaluation: TargetEvaluation,
  view: LedgerView,
  options: EngineOptions,
  changes: readonly string[],
): string {
  const { decision, target } = evaluation;
  const headline =
    decision.status === 'ask'
      ? `ask ${decision.via ? `through ${decision.via.name}` : 'directly'}`
      : decision.status === 'hold'
        ? `hold${decision.until ? ` until ${decision.until.slice(0, 10)}` : ''}`
        : 'warm up';
  const lines = [
    `${target.name} (${target.id}): ${headline}, readiness ${decision.readiness.toFixed(2)}`,
    `judged as of ${decision.at.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}; ask-at ${options.askAt}, warm-up-at ${options.warmUpAt}`,
    '',
    `Rules about ${target.name}`,
  ];
  for (const outcome of evaluation.targetVerdicts) lines.push(...renderOutcome(outcome, view, '  '));
  lines.push('', 'Paths, best first');
  const ordered = [...evaluation.options].sort((a, b) => Number(Boolean(a.hold)) - Number(Boolean(b.hold)) || b.readiness - a.readiness);
  for (const option of ordered) {
    const mark = option === evaluation.chosen ? '→ ' : '  ';
    const state = option.hold ? `not proposed: ${option.hold.hold.reason}` : `readiness ${option.readiness.toFixed(2)}`;
    lines.push(`${mark}${optionTitle(option)}: ${state}`);
    for (const outcome of option.verdicts) lines.push(...renderOutcome(outcome, view, '      '));
  }
  lines.push('', 'What would change it');
  for (const change of changes) lines.push(`  - ${change}`);
  if (decision.nextSteps.length > 0) {
    lines.push('', 'Next steps');
    for (const [index, step] of decision.nextSteps.entries()) lines.push(`  ${index + 1}. ${step}`);
  }
  return `${lines.join('\n')}\n`;
}
