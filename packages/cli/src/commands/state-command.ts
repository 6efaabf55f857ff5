import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { type LedgerAccess, PipelineSession } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';
import { CommandFailure, type GlobalOptions, openPipeline } from '../cli-context.js';
import { formatCount } from '../output/format.js';
import { renderTable } from '../output/table.js';

async function withSession<T>(
  file: string,
  command: Command,
  access: LedgerAccess,
  work: (session: PipelineSession) => Promise<T> | T,
): Promise<T> {
  const pipeline = await openPipeline(file, command.optsWithGlobals<GlobalOptions>());
  let session: PipelineSession | undefined;
  try {
    session = PipelineSession.open(pipeline, systemClock, access);
    return await work(session);
  } finally {
    session?.close();
    await pipeline.host.dispose();
  }
}

export function registerStateCommand(program: Command): void {
  const state = program
    .command('state')
    .description('inspect and manage the ledger: stats, export, cursors, reset, forget')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake state stats configs/demo.yaml --json\n  $ handshake state forget configs/demo.yaml "Dan Example"',
    );

  state
    .command('stats')
    .description('count signals, persons and identities, by kind and by source')
    .argument('<config>', 'the pipeline YAML file')
    .option('--json', 'print {"signals", "persons", "identities", "byKind", "bySource"} as JSON')
    .addHelpText('after', '\nExample:\n  $ handshake state stats configs/demo.yaml --json')
    .action((file: string, options: { json?: boolean }, command: Command) =>
      withSession(file, command, 'read', (session) => {
        const stats = session.ledger.stats();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(stats)}\n`);
          return;
        }
        const lines = [
          `${formatCount(stats.signals)} signals, ${formatCount(stats.persons)} persons, ${formatCount(stats.identities)} identities`,
          '',
          renderTable(
            ['kind', 'signals'],
            Object.entries(stats.byKind).map(([kind, count]) => [kind, formatCount(count)]),
          ),
          '',
          renderTable(
            ['source', 'signals'],
            Object.entries(stats.bySource).map(([source, count]) => [source, formatCount(count)]),
          ),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );

  state
    .command('export')
    .description('write every identity and signal as JSON lines in the interchange format (what the jsonl source reads)')
    .argument('<config>', 'the pipeline YAML file')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ handshake state export configs/demo.yaml --out signals.jsonl')
    .action((file: string, options: { out?: string }, command: Command) =>
      withSession(file, command, 'read', async (session) => {
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        let count = 0;
        // Identities first, so a re-import knows every name before the signals that use them.
        for (const identity of session.ledger.exportIdentities()) {
          if (!out.write(`${JSON.stringify({ type: 'identity', ...identity })}\n`))
            await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
        for (const signal of session.ledger.exportSignals()) {
          if (!out.write(`${JSON.stringify(signal)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          count++;
        }
        if (options.out) {
          await new Promise<void>((resolve, reject) =>
            (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())),
          );
          process.stderr.write(`wrote ${formatCount(count)} signals to ${options.out}\n`);
        }
      }),
    );

  state
    .command('cursors')
    .description('show where each source will resume')
    .argument('<config>', 'the pipeline YAML file')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ handshake state cursors configs/demo.yaml')
    .action((file: string, options: { json?: boolean }, command: Command) =>
      withSession(file, command, 'read', (session) => {
        const cursors = session.ledger.cursors();
        if (options.json) process.stdout.write(`${JSON.stringify(cursors, null, 2)}\n`);
        else
          process.stdout.write(
            `${renderTable(
              ['source', 'updated', 'cursor'],
              cursors.map((c) => [c.source, c.updatedAt ?? '-', c.cursor ?? '(none: reads from the start)']),
            )}\n`,
          );
      }),
    );

  state
    .command('reset')
    .description("forget a source's cursor so its next run reads from the start (stored signals stay; nothing is stored twice)")
    .argument('<config>', 'the pipeline YAML file')
    .argument('<source>', 'the source id')
    .addHelpText('after', '\nExample:\n  $ handshake state reset configs/demo.yaml demo-signals')
    .action((file: string, source: string, _options: unknown, command: Command) =>
      withSession(file, command, 'write', (session) => {
        const known = session.ledger.cursors().map((cursor) => cursor.source);
        if (!known.includes(source))
          throw new CommandFailure(`no source "${source}" in the ledger. Known: ${known.join(', ') || 'none'}`, 2);
        const reset = session.ledger.resetCursor(source);
        process.stdout.write(reset ? `reset the cursor of ${source}: its next run reads from the start\n` : `${source} had no cursor\n`);
      }),
    );

  state
    .command('forget')
    .description("remove a person's identities, signals, ties, topics and decisions from every table; a re-import does not bring them back")
    .argument('<config>', 'the pipeline YAML file')
    .argument('<person>', 'a person id (p_12), a name, network:id, or a handle')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExample:\n  $ handshake state forget configs/demo.yaml "Grace Hub" --yes')
    .action((file: string, query: string, options: { yes?: boolean }, command: Command) =>
      withSession(file, command, 'write', async (session) => {
        const found = session.ledger.findPersons(query);
        if (found.length === 0) throw new CommandFailure(`no person matches "${query}"`, 1);
        if (found.length > 1) {
          const list = found.map(
            (person) => `  ${person.id}  ${person.name}  ${person.identities.map((i) => `${i.network}:${i.id}`).join(', ')}`,
          );
          throw new CommandFailure(`"${query}" matches ${found.length} persons; give a person id:\n${list.join('\n')}`, 1);
        }
        const person = found[0] as (typeof found)[number];
        if (!options.yes) {
          if (!process.stdin.isTTY) throw new CommandFailure('refusing to forget without --yes when not on a terminal', 1);
          const prompt = createInterface({ input: process.stdin, output: process.stderr });
          const answer = await prompt.question(`Forget ${person.name} (${person.id}) and everything about them? [y/N] `);
          prompt.close();
          if (!/^y(es)?$/i.test(answer.trim())) {
            process.stderr.write('nothing forgotten\n');
            return;
          }
        }
        const result = session.ledger.forget(person.id);
        process.stdout.write(
          `forgot ${result.name} (${result.person}): ${result.identities} identities, ${formatCount(result.signals)} signals, ${result.decisions} decisions\n`,
        );
        if (session.pipeline.config.targets.some((target) => target.name === result.name)) {
          process.stdout.write('note: this person is still a target in the config; the next run declares them again\n');
        }
      }),
    );
}
