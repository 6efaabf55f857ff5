import type { Decision, DecisionStatus } from '@handshake/sdk';

const SECTIONS: readonly { status: DecisionStatus; heading: string; blurb: string }[] = [
  { status: 'ask', heading: 'Ask now', blurb: 'The relationship is warm enough to ask for an introduction.' },
  { status: 'warm-up', heading: 'Warm up', blurb: 'Not yet. These steps would make the relationship warm.' },
  { status: 'hold', heading: 'On hold', blurb: 'Do not reach out now. Each hold says when it lifts.' },
];

/** A digest a person reads: each target's status, the path, the reasons and the next steps. */
export function renderDigest(decisions: readonly Decision[], title: string): string {
  const asOf = decisions
    .map((decision) => decision.at)
    .sort()
    .at(-1);
  const lines: string[] = [`# ${title}`, ''];
  lines.push(
    asOf
      ? `As of ${asOf.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}, for ${decisions.length} target${decisions.length === 1 ? '' : 's'}.`
      : 'No targets yet.',
    '',
  );
  for (const section of SECTIONS) {
    const inSection = decisions
      .filter((decision) => decision.status === section.status)
      .sort((a, b) => b.readiness - a.readiness || a.target.name.localeCompare(b.target.name));
    if (inSection.length === 0) continue;
    lines.push(`## ${section.heading} (${inSection.length})`, '', section.blurb, '');
    for (const decision of inSection) lines.push(...renderTarget(decision), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderTarget(decision: Decision): string[] {
  const lines = [`### ${escapeMarkdown(decision.target.name)}`, ''];
  lines.push(`- Readiness: ${decision.readiness.toFixed(2)}`);
  if (decision.status === 'ask')
    lines.push(`- Path: ${decision.via ? `through ${escapeMarkdown(decision.via.name)}` : 'directly, no introducer needed'}`);
  if (decision.status === 'hold')
    lines.push(`- Holds ${decision.until ? `until ${decision.until.slice(0, 10)}` : 'until the reason below changes'}`);
  if (decision.reasons.length > 0) {
    lines.push('', 'Why:', '');
    for (const reason of decision.reasons)
      lines.push(
        `- ${escapeMarkdown(reason.text)}${reason.evidence.length > 0 ? ` (${reason.evidence.length} signal${reason.evidence.length === 1 ? '' : 's'})` : ''}`,
      );
  }
  if (decision.nextSteps.length > 0) {
    lines.push('', 'Next steps:', '');
    for (const [index, step] of decision.nextSteps.entries()) lines.push(`${index + 1}. ${escapeMarkdown(step)}`);
  }
  return lines;
}

/** Names and texts come from other people's data: keep them from being read as Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
