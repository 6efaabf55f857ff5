#!/usr/bin/env node
// First: it sets the heap policy before the other modules load.
import './heap-policy.js';
import { HANDSHAKE_VERSION } from '@handshake/core';
import { Command, CommanderError } from 'commander';
import { CommandFailure } from './cli-context.js';
import { registerDaemonCommand } from './commands/daemon-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerPluginsCommand } from './commands/plugins-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerStateCommand } from './commands/state-command.js';
import { registerValidateCommand } from './commands/validate-command.js';
import { registerWorldCommand } from './commands/world-command.js';

function buildProgram(): Command {
  const program = new Command('handshake')
    .description('Earn warm introductions: a ledger of your relationships and rules that say when to ask, and through whom.')
    .version(HANDSHAKE_VERSION)
    .option(
      '--log-level <level>',
      "trace, debug, info, warn, error, fatal or silent (default: the config's log.level, or HANDSHAKE_LOG_LEVEL)",
    )
    .option('--pretty', 'human-readable logs instead of JSON lines (the default on a terminal)')
    .option('--now <instant>', "judge as of this ISO-8601 instant instead of the clock (overrides the config's now)")
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake run configs/demo.yaml\n  $ handshake validate configs/demo.yaml\n  $ handshake state stats configs/demo.yaml --json\n  $ handshake plugins',
    );
  registerValidateCommand(program);
  registerRunCommand(program);
  registerDaemonCommand(program);
  registerExplainCommand(program);
  registerWorldCommand(program);
  registerStateCommand(program);
  registerPluginsCommand(program);
  registerSchemaCommand(program);
  const override = (command: Command) => {
    command.exitOverride();
    for (const sub of command.commands) override(sub);
  };
  override(program);
  return program;
}

const USER_FACING_ERRORS = new Set(['LedgerLockedError', 'ArchiveError', 'ConfigError', 'PluginLoadError']);

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CommandFailure) {
      if (!error.reported) process.stderr.write(`handshake: ${error.message}\n`);
      return error.exitCode;
    }
    // Errors that explain themselves (a locked ledger, an unreadable export) need no stack trace.
    if (error instanceof Error && USER_FACING_ERRORS.has(error.name)) {
      process.stderr.write(`handshake: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`handshake: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv);
