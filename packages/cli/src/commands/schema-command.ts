import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger, PluginHost, pipelineJsonSchema, readCatalog, SecretRedactor } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description("print the JSON Schema of the pipeline YAML, with every installed plugin's options, for editor completion")
    .option('-o, --out <file>', 'write the schema to a file instead of stdout')
    .option('-p, --path <folder...>', 'also include plugins from these folders')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake schema --out handshake.schema.json\n\nThen put this first line in a pipeline YAML (VS Code with the Red Hat YAML extension):\n  # yaml-language-server: $schema=../handshake.schema.json',
    )
    .action(async (options: { out?: string; path?: string[] }) => {
      const redactor = new SecretRedactor();
      const catalog = readCatalog(
        process.cwd(),
        (options.path ?? []).map((path) => resolve(path)),
      );
      const host = new PluginHost({ catalog, logger: createLogger({ level: 'warn', redactor, fd: 2 }), clock: systemClock, redactor });
      try {
        const { schema, skipped } = await pipelineJsonSchema(catalog, host);
        for (const reason of skipped) process.stderr.write(`skipped ${reason}\n`);
        const text = `${JSON.stringify(schema, null, 2)}\n`;
        if (options.out) {
          writeFileSync(options.out, text);
          process.stderr.write(`wrote ${options.out}\n`);
        } else {
          process.stdout.write(text);
        }
      } finally {
        await host.dispose();
      }
    });
}
