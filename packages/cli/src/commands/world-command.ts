import { PipelineSession } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';
import { CommandFailure, type GlobalOptions, openPipeline } from '../cli-context.js';
import { findTarget } from '../target-lookup.js';

export function registerWorldCommand(program: Command): void {
  program
    .command('world')
    .description(
      "the target's world as a readable report: topics, whom they engage, whose work they share, their projects, and what you could do",
    )
    .argument('<config>', 'the pipeline YAML file (it must use the world rule)')
    .argument('<target>', "a target's name, person id (p_12) or network:id")
    .addHelpText('after', '\nExample:\n  $ handshake world configs/demo.yaml "Grace Cold"')
    .action(async (file: string, query: string, _options: unknown, command: Command) => {
      const pipeline = await openPipeline(file, command.optsWithGlobals<GlobalOptions>());
      let session: PipelineSession | undefined;
      try {
        const world = pipeline.rules.find((rule) => rule.kind === 'world');
        if (!world) throw new CommandFailure(`${pipeline.displayName} uses no world rule; add "- use: world" under rules:`, 1);
        await pipeline.host.activate();
        session = PipelineSession.open(pipeline, systemClock, 'read');
        const target = findTarget(session, query);
        const view = session.ledger.view();
        const now = session.judgeClock.now();
        const verdict = world.contribution.evaluate({ options: world.options, ledger: view, now, me: view.me(), target });
        const contribution = pipeline.rules.find((rule) => rule.kind === 'contribution');
        const lines = [`${target.name}'s world, as of ${new Date(now).toISOString().slice(0, 10)}`, ''];
        for (const reason of verdict.reasons) lines.push(`  ${reason.text}`);
        if (contribution) {
          const mine = contribution.contribution.evaluate({ options: contribution.options, ledger: view, now, me: view.me(), target });
          lines.push('', `Your part in it (contribution ${mine.score?.toFixed(2) ?? '-'})`, '');
          for (const reason of mine.reasons) lines.push(`  ${reason.text}`);
        }
        const steps = verdict.nextSteps ?? [];
        if (steps.length > 0) {
          lines.push('', 'What you could do', '');
          for (const [index, step] of steps.entries()) lines.push(`  ${index + 1}. ${step}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        session?.close();
        await pipeline.host.dispose();
      }
    });
}
