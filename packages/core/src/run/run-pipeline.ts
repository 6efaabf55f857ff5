import type { Clock, DecisionStatus } from '@handshake/sdk';
import { lastValueFrom, tap } from 'rxjs';
import { buildCrawlPlan } from '../pipeline/crawl-plan.js';
import { type CommitPolicy, type IngestEvent, ingest } from '../pipeline/ingest.js';
import { SinkDispatcher, type SinkReport } from '../sinks/sink-dispatcher.js';
import type { DecisionRound, PipelineSession } from './pipeline-session.js';
import { IngestTally, type RunSummary } from './run-summary.js';

export interface RunOptions {
  readonly session: PipelineSession;
  readonly clock: Clock;
  readonly abort: AbortSignal;
  /** Every ingest event, for a progress line. */
  readonly onEvent?: (event: IngestEvent) => void;
  readonly policy?: CommitPolicy;
  /** How long sinks get to finish their deliveries. */
  readonly sinkTimeoutMs?: number;
}

export interface RunResult {
  readonly summary: RunSummary;
  readonly round: DecisionRound;
  readonly sinks: readonly SinkReport[];
  /** Sinks still busy when their time ran out. */
  readonly unfinishedSinks: readonly string[];
}

const BULK_LOAD_MESSAGES = { start: 'read indexes deferred', rebuilding: 'rebuilding read indexes', end: 'read indexes rebuilt' } as const;

/** Rejections logged one by one per source; the rest are counted in the summary. */
const LOGGED_REJECTIONS = 20;

/**
 * `handshake run`: ingests every source once, evaluates every target, delivers the decisions to
 * the sinks and returns the summary. A failing source or sink is reported and the run goes on.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { session, clock } = options;
  const { pipeline, ledger } = session;
  const logger = pipeline.logger;
  const started = clock.now();
  await pipeline.host.activate();

  const me = ledger.me();
  const targets = ledger.targets();
  const plan = buildCrawlPlan(ledger.view(), me, targets, pipeline.config.decide.introducers);
  const tally = new IngestTally(pipeline.sources);
  const logged = new Map<string, number>();
  const events$ = ingest({ sources: pipeline.sources, ledger, plan, abort: options.abort, logger, policy: options.policy }).pipe(
    tap((event) => {
      tally.add(event);
      if (event.type === 'batch') logRejections(event, logged, logger);
      if (event.type === 'commit') logger.debug({ signals: event.signals }, 'batches committed');
      if (event.type === 'bulk-load') logger.info({ phase: event.phase }, `bulk load: ${BULK_LOAD_MESSAGES[event.phase]}`);
      if (event.type === 'source-done') logger.info({ source: event.source, ...countsOf(tally, event.source) }, 'source read');
      options.onEvent?.(event);
    }),
  );
  await lastValueFrom(events$, { defaultValue: undefined });
  const ingestMs = clock.now() - started;

  const round = session.decide();
  const sinks = new SinkDispatcher(pipeline.sinks, { clock, logger });
  sinks.deliver(round.changed, round.current);
  const unfinishedSinks = await sinks.drain(options.sinkTimeoutMs ?? 30_000, clock);
  await sinks.close();

  const decisions: Record<DecisionStatus, number> = { ask: 0, 'warm-up': 0, hold: 0 };
  for (const decision of round.current) decisions[decision.status]++;
  const read = tally.read;
  const summary: RunSummary = {
    sources: [...tally.sources.values()],
    decisions: { ...decisions, changed: round.changed.length },
    ingestMs,
    durationMs: clock.now() - started,
    signalsPerSecond: ingestMs > 0 ? Math.round((read * 1000) / ingestMs) : read,
  };
  logger.info({ ...summary, sources: summary.sources.map(({ rejections, ...counts }) => counts) }, 'run finished');
  return { summary, round, sinks: sinks.reports(), unfinishedSinks };
}

function logRejections(
  event: Extract<IngestEvent, { type: 'batch' }>,
  logged: Map<string, number>,
  logger: RunOptions['session']['pipeline']['logger'],
) {
  let count = logged.get(event.source) ?? 0;
  for (const rejection of event.rejected) {
    count++;
    if (count <= LOGGED_REJECTIONS)
      logger.warn({ source: event.source, where: rejection.where, reason: rejection.reason }, 'record rejected');
    else if (count === LOGGED_REJECTIONS + 1) logger.warn({ source: event.source }, 'more records rejected; the summary counts them');
  }
  logged.set(event.source, count);
}

function countsOf(tally: IngestTally, source: string) {
  const summary = tally.sources.get(source);
  return summary ? { read: summary.read, rejected: summary.rejected } : {};
}
