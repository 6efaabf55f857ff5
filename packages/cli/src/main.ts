#!/usr/bin/env node
import { HANDSHAKE_VERSION } from '@handshake/core';
import { Command, CommanderError } from 'commander';
import { CommandFailure } from './cli-context.js';
import { registerPluginsCommand } from './commands/plugins-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerValidateCommand } from './commands/validate-command.js';

function buildProgram(): Command {
  const program = new Command('handshake')
    .description('Earn warm introductions: a ledger of your relationships and rules that say when to ask, and through whom.')
    .version(HANDSHAKE_VERSION)
    .option(
      '--log-level <level>',
      "trace, debug, info, warn, error, fatal or silent (default: the config's log.level, or HANDSHAKE_LOG_LEVEL)",
    )
    .option('--pretty', 'human-readable logs instead of JSON lines (the default on a terminal)')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake validate configs/demo.yaml\n  $ handshake plugins\n  $ handshake schema --out handshake.schema.json',
    );
  registerValidateCommand(program);
  registerPluginsCommand(program);
  registerSchemaCommand(program);
  const override = (command: Command) => {
    command.exitOverride();
    for (const sub of command.commands) override(sub);
  };
  override(program);
  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CommandFailure) {
      if (error.exitCode !== 1) process.stderr.write(`handshake: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`handshake: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv);
