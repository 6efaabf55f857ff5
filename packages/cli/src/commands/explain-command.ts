import { PipelineSession, whatWouldChange } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';
import { type GlobalOptions, openPipeline } from '../cli-context.js';
import { renderExplanation } from '../output/render-explanation.js';
import { findTarget } from '../target-lookup.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description("why this decision for a target: each rule's verdict with its evidence, every introduction path, and what would change it")
    .argument('<config>', 'the pipeline YAML file')
    .argument('<target>', "a target's name, person id (p_12) or network:id")
    .option('--json', 'print the whole evaluation as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake explain configs/demo.yaml "Dan Example"\n  $ handshake explain configs/demo.yaml p_2 --json\n\nIt reads the ledger as the last run left it; run the pipeline first to bring it up to date.',
    )
    .action(async (file: string, query: string, options: { json?: boolean }, command: Command) => {
      const pipeline = await openPipeline(file, command.optsWithGlobals<GlobalOptions>());
      let session: PipelineSession | undefined;
      try {
        await pipeline.host.activate();
        session = PipelineSession.open(pipeline, systemClock, 'read');
        const target = findTarget(session, query);
        const view = session.ledger.view();
        const evaluation = session.engine.evaluate(view, session.ledger.targets()).find((candidate) => candidate.target.id === target.id);
        if (!evaluation) throw new Error(`${target.name} was not evaluated`);
        const engineOptions = session.engineOptions;
        const changes = whatWouldChange(evaluation, engineOptions);
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ ...evaluation, whatWouldChange: changes }, null, 2)}\n`
            : renderExplanation(evaluation, view, engineOptions, changes),
        );
      } finally {
        session?.close();
        await pipeline.host.dispose();
      }
    });
}
