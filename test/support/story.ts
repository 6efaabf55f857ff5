import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger, loadPipeline, PipelineSession, runPipeline, type TargetEvaluation } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import { temporaryFolder } from '@handshake/testing';
import { parse } from 'yaml';
import { repoRoot } from './cli.js';

/** The rules of the demo pipeline, so stories are judged by the rule set users run. */
async function demoRules(): Promise<string> {
  const demo = parse(await readFile(join(repoRoot, 'configs/demo.yaml'), 'utf8')) as { rules: unknown[]; decide: unknown };
  return `rules:\n${demo.rules.map((rule) => `  - ${JSON.stringify(rule)}`).join('\n')}\ndecide: ${JSON.stringify(demo.decide)}`;
}

export interface StoryOutcome {
  readonly evaluation: TargetEvaluation;
  readonly reasons: string;
  readonly nextSteps: string;
}

/**
 * Runs a story (a JSON lines file in test/scenarios) through the real pipeline with the demo's
 * rules: Mia Me wants to meet Tara Target, judged as of 2026-11-20 noon UTC.
 */
export async function runStory(name: string): Promise<StoryOutcome> {
  const dir = await temporaryFolder('handshake-story-');
  const file = join(dir, 'story.yaml');
  await writeFile(
    file,
    [
      'version: 1',
      'now: 2026-11-20T12:00:00Z',
      'me: { name: Mia Me, identities: { mastodon: "https://m.example/users/me" } }',
      'targets:',
      '  - { name: Tara Target, identities: { mastodon: "https://t.example/users/target" } }',
      'sources:',
      `  - { use: jsonl, id: story, with: { path: "${join(repoRoot, 'test/scenarios', `${name}.jsonl`)}" } }`,
      await demoRules(),
      'store: { path: ./story.db }',
      '',
    ].join('\n'),
  );
  const pipeline = await loadPipeline({ file, makeLogger: (_level, redactor) => createLogger({ level: 'silent', redactor }) });
  const session = PipelineSession.open(pipeline, systemClock);
  try {
    const { round, summary } = await runPipeline({ session, clock: systemClock, abort: new AbortController().signal });
    if (summary.sources[0]?.rejected) throw new Error(`story ${name} has rejected lines: ${JSON.stringify(summary.sources[0].rejections)}`);
    const evaluation = round.evaluations[0] as TargetEvaluation;
    return {
      evaluation,
      reasons: evaluation.decision.reasons.map((reason) => reason.text).join('\n'),
      nextSteps: evaluation.decision.nextSteps.join('\n'),
    };
  } finally {
    session.close();
    await pipeline.host.dispose();
  }
}
