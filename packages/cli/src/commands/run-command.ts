import { PipelineSession, type RunResult, runPipeline } from '@handshake/core';
import { systemClock } from '@handshake/sdk';
import type { Command } from 'commander';
import { type GlobalOptions, openPipeline } from '../cli-context.js';
import { formatCount, formatElapsed } from '../output/format.js';
import { ProgressLine } from '../output/progress-line.js';
import { renderTable } from '../output/table.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('ingest every source once, evaluate every target, write the sinks, and print the summary and decisions')
    .argument('<config>', 'the pipeline YAML file')
    .option('--json', 'print the summary and decisions as JSON')
    .option('--no-progress', 'no live progress line, even on a terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  $ handshake run configs/demo.yaml\n  $ handshake run configs/demo.yaml --json > run.json\n\nLogs go to stderr; the summary and the decisions to stdout. Exit code 0 unless the run itself failed\n(a source or sink that fails is reported in the summary). Ctrl-C stops after the batch in flight.',
    )
    .action(async (file: string, options: { json?: boolean; progress: boolean }, command: Command) => {
      const pipeline = await openPipeline(file, command.optsWithGlobals<GlobalOptions>());
      const abort = new AbortController();
      const stop = () => {
        if (abort.signal.aborted) process.exit(130);
        pipeline.logger.warn({}, 'stopping after the batch in flight; press Ctrl-C again to quit at once');
        abort.abort(new Error('stopped by signal'));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const progress = new ProgressLine(process.stderr);
      let session: PipelineSession | undefined;
      try {
        session = PipelineSession.open(pipeline, systemClock);
        const result = await runPipeline({
          session,
          clock: systemClock,
          abort: abort.signal,
          onEvent: options.progress ? (event) => progress.update(event) : undefined,
        });
        progress.clear();
        process.stdout.write(options.json ? `${JSON.stringify(jsonResult(result), null, 2)}\n` : renderResult(result));
      } finally {
        progress.clear();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        session?.close();
        await pipeline.host.dispose();
      }
    });
}

function jsonResult(result: RunResult) {
  return { summary: result.summary, decisions: result.round.current, changed: result.round.changed.length, sinks: result.sinks };
}

function renderResult(result: RunResult): string {
  const { summary } = result;
  const read = summary.sources.reduce((total, source) => total + source.read, 0);
  const lines: string[] = [];
  lines.push(
    `Read ${formatCount(read)} records in ${formatElapsed(summary.ingestMs)} (${formatCount(summary.signalsPerSecond)}/s); run took ${formatElapsed(summary.durationMs)}.`,
    '',
  );
  if (summary.sources.length > 0) {
    const rows = summary.sources.map((source) => [
      source.source,
      source.kind,
      formatCount(source.read),
      formatCount(source.stored),
      formatCount(source.duplicate),
      formatCount(source.rejected),
      formatCount(source.skipped),
      source.status === 'ok' ? 'ok' : `failed: ${source.error}`,
    ]);
    lines.push(renderTable(['source', 'kind', 'read', 'stored', 'duplicate', 'rejected', 'skipped', 'status'], rows), '');
    for (const source of summary.sources) {
      if (source.rejected === 0) continue;
      lines.push(
        `${source.source}: ${formatCount(source.rejected)} rejected${source.rejected > source.rejections.length ? ` (first ${source.rejections.length} shown)` : ''}:`,
      );
      for (const rejection of source.rejections.slice(0, 10)) lines.push(`  ${rejection.where}: ${rejection.reason}`);
      if (source.rejections.length > 10) lines.push(`  ... and ${formatCount(source.rejected - 10)} more (see the log)`);
      lines.push('');
    }
  }
  const { decisions } = summary;
  lines.push(
    `Decisions: ${decisions.ask} ask, ${decisions['warm-up']} warm-up, ${decisions.hold} hold (${decisions.changed} changed since the last run).`,
    '',
  );
  if (result.round.current.length > 0) {
    const rows = result.round.current.map((decision) => [
      decision.target.name,
      decision.status,
      decision.readiness.toFixed(2),
      decision.status === 'ask'
        ? decision.via
          ? `via ${decision.via.name}`
          : 'directly'
        : decision.status === 'hold'
          ? decision.until
            ? `until ${decision.until.slice(0, 10)}`
            : 'until it lifts'
          : '',
      decision.nextSteps[0] ?? '',
    ]);
    lines.push(renderTable(['target', 'status', 'readiness', 'path', 'next step'], rows), '');
  }
  for (const sink of result.sinks) {
    if (sink.failed > 0 || sink.dropped > 0)
      lines.push(`sink ${sink.sink}: ${sink.failed} decisions failed, ${sink.dropped} dropped (${sink.lastError ?? 'see the log'})`);
  }
  for (const sink of result.unfinishedSinks) lines.push(`sink ${sink}: still delivering when the run ended`);
  return `${lines.join('\n').trimEnd()}\n`;
}
