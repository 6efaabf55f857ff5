import type { Command } from 'commander';
import { type GlobalOptions, openPipeline } from '../cli-context.js';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description("check a pipeline config: YAML, variables, fields, plugin kinds and each plugin's options")
    .argument('<config>', 'the pipeline YAML file')
    .option('--print', 'print the resolved config (defaults applied, paths resolved, secrets redacted) as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake validate configs/demo.yaml\n  $ handshake validate configs/demo.yaml --print\n\nExit code 0 when valid; 1 with every problem listed as file:line:col path: message.',
    )
    .action(async (file: string, options: { print?: boolean }, command: Command) => {
      const pipeline = await openPipeline(file, command.optsWithGlobals<GlobalOptions>());
      try {
        if (options.print) {
          process.stdout.write(`${pipeline.redactor.redact(JSON.stringify(pipeline.printable, null, 2))}\n`);
          return;
        }
        const { config } = pipeline;
        const plugins = pipeline.host.plugins.map((loaded) => `${loaded.plugin.name}@${loaded.plugin.version}`);
        process.stdout.write(
          `${pipeline.displayName} is valid: ${plural(config.sources.length, 'source')}, ${plural(config.rules.length, 'rule')}, ` +
            `${plural(config.sinks.length, 'sink')}, ${plural(config.targets.length, 'target')}; plugins: ${plugins.join(', ') || 'none'}\n`,
        );
      } finally {
        await pipeline.host.dispose();
      }
    });
}
