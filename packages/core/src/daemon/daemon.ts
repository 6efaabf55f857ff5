import type { Clock, CrawlPlan, DecisionStatus } from '@handshake/sdk';
import type { ConfiguredSource, LoadedPipeline } from '../boot/load-pipeline.js';
import { ConfigError, formatConfigIssue } from '../config/config-issue.js';
import type { RootLogger } from '../logging/create-logger.js';
import { buildCrawlPlan } from '../pipeline/crawl-plan.js';
import { LedgerWriter, type PollResult } from '../pipeline/ledger-writer.js';
import { PipelineSession } from '../run/pipeline-session.js';
import { SinkDispatcher } from '../sinks/sink-dispatcher.js';
import { DaemonMetrics } from './daemon-metrics.js';
import { HealthServer } from './health-server.js';
import { scheduleFor } from './source-schedule.js';
import { SourceSupervisor } from './source-supervisor.js';

export interface DaemonOptions {
  /** Loads and checks the config; called again on every reload. Throws ConfigError. */
  readonly load: () => Promise<LoadedPipeline>;
  readonly clock: Clock;
  readonly logger: RootLogger;
  readonly health?: { readonly port: number; readonly host: string };
  /** Decisions are judged again this often even without new signals: holds lift with time. */
  readonly evaluateEvery?: number;
}

/** After a poll stored something, wait this long for other polls before judging again. */
const EVALUATION_DEBOUNCE_MS = 250;
const SINK_DRAIN_MS = 5_000;

/** What makes a source the same across a reload: its plugin, kind, options and schedule. */
function signature(source: ConfiguredSource): string {
  return JSON.stringify([source.plugin, source.kind, source.options, source.every ?? null, source.cron ?? null]);
}

/**
 * `handshake daemon`: polls each source on its schedule, judges again when something was stored,
 * logs every decision that changes and hands it to the sinks, serves health and metrics, reloads
 * its config on request, and stops gracefully: the batch in flight commits or rolls back whole.
 */
export class Daemon {
  private readonly metrics = new DaemonMetrics();
  private readonly supervisors = new Map<string, SourceSupervisor>();
  private readonly writer: LedgerWriter;
  private sinks: SinkDispatcher;
  private health: HealthServer | undefined;
  private plan: CrawlPlan;
  private evaluation: NodeJS.Timeout | undefined;
  private periodic: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private readonly configuredLevel: string;

  private constructor(
    private readonly options: DaemonOptions,
    private pipeline: LoadedPipeline,
    private session: PipelineSession,
  ) {
    this.configuredLevel = options.logger.level;
    this.writer = new LedgerWriter(session.ledger, options.logger);
    this.sinks = new SinkDispatcher(pipeline.sinks, { clock: options.clock, logger: options.logger });
    this.plan = this.crawlPlan();
  }

  static async start(options: DaemonOptions): Promise<Daemon> {
    const pipeline = await options.load();
    let session: PipelineSession | undefined;
    try {
      session = PipelineSession.open(pipeline, options.clock, 'write');
      await pipeline.host.activate();
    } catch (error) {
      session?.close();
      await pipeline.host.dispose();
      throw error;
    }
    const daemon = new Daemon(options, pipeline, session);
    await daemon.begin();
    return daemon;
  }

  /** The health server's address, when it listens. */
  get healthAddress(): { host: string; port: number } | undefined {
    return this.health?.address;
  }

  /** Switches to the log level given, or back to the configured one. */
  setLogLevel(level: string): string {
    const valid = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
    if (!valid.includes(level)) throw new Error(`unknown log level "${level}"; expected ${valid.join(', ')}`);
    this.options.logger.level = level;
    this.options.logger.info({ logLevel: level }, 'log level changed');
    return level;
  }

  /** SIGUSR2: debug, or back to the configured level when already at debug. */
  toggleDebug(): string {
    return this.setLogLevel(this.options.logger.level === 'debug' ? this.configuredLevel : 'debug');
  }

  /**
   * Reads the config again. An invalid config is logged with every issue and the running one
   * stays; otherwise changed sources restart, unchanged ones go on, rules and sinks are replaced.
   */
  async reload(): Promise<boolean> {
    const { logger } = this.options;
    let next: LoadedPipeline;
    try {
      next = await this.options.load();
    } catch (error) {
      const issues = error instanceof ConfigError ? error.issues.map(formatConfigIssue) : [(error as Error).message];
      logger.error({ issues }, 'config reload refused; the running config stays');
      return false;
    }
    if (next.storePath !== this.pipeline.storePath) {
      logger.error(
        { running: this.pipeline.storePath, requested: next.storePath },
        'config reload refused: store.path cannot change while the daemon runs',
      );
      await next.host.dispose();
      return false;
    }
    try {
      await next.host.activate();
    } catch (error) {
      logger.error({ err: error }, 'config reload refused: a plugin failed to activate');
      await next.host.dispose();
      return false;
    }
    const previous = this.pipeline;
    const previousSinks = this.sinks;
    this.pipeline = next;
    this.session = PipelineSession.attach(next, this.session.ledger, this.options.clock);
    this.sinks = new SinkDispatcher(next.sinks, { clock: this.options.clock, logger });
    this.plan = this.crawlPlan();

    const outcome = { kept: [] as string[], restarted: [] as string[], added: [] as string[], removed: [] as string[] };
    const wanted = new Map(next.sources.map((source) => [source.id, source]));
    for (const [id, supervisor] of this.supervisors) {
      const source = wanted.get(id);
      if (source && signature(source) === signature(supervisor.source) && supervisor.state !== 'quarantined') {
        supervisor.replaceSource(source);
        outcome.kept.push(id);
        continue;
      }
      await supervisor.stop('config reloaded');
      this.supervisors.delete(id);
      (source ? outcome.restarted : outcome.removed).push(id);
    }
    for (const source of next.sources) {
      if (this.supervisors.has(source.id)) continue;
      if (!outcome.restarted.includes(source.id)) outcome.added.push(source.id);
      this.supervise(source);
    }
    logger.info(outcome, 'config reloaded');
    void this.retire(previous, previousSinks);
    this.requestEvaluation();
    return true;
  }

  /** Stops scheduling, lets the batch in flight commit or roll back whole, and releases everything in reverse order. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async begin(): Promise<void> {
    const { logger, health } = this.options;
    this.writer.events$.subscribe({ error: () => void this.stop() });
    if (health) this.health = await HealthServer.start(this.probe(), health.port, health.host);
    logger.info(
      {
        plugins: this.pipeline.host.plugins.map((loaded) => `${loaded.plugin.name}@${loaded.plugin.version}`),
        sources: this.pipeline.sources.map((source) => source.id),
        ledger: this.pipeline.storePath,
        health: this.health?.address,
      },
      'daemon started',
    );
    for (const source of this.pipeline.sources) this.supervise(source);
    const every = this.options.evaluateEvery ?? 3_600_000;
    // Also what keeps the process alive between polls.
    this.periodic = setInterval(() => this.requestEvaluation(), every);
    this.requestEvaluation();
  }

  private supervise(source: ConfiguredSource): void {
    const supervisor = new SourceSupervisor(source, scheduleFor(source), {
      writer: this.writer,
      clock: this.options.clock,
      logger: this.options.logger,
      policy: this.pipeline.config.daemon,
      plan: () => this.plan,
      onPolled: (polled, result, seconds) => this.polled(polled, result, seconds),
      onQuarantined: (quarantined) => this.metrics.setQuarantined(quarantined.id, quarantined.plugin, true),
    });
    this.metrics.setQuarantined(source.id, source.plugin, false);
    this.supervisors.set(source.id, supervisor);
    supervisor.start();
  }

  private polled(source: ConfiguredSource, result: PollResult, seconds: number): void {
    this.metrics.recordPoll(source.id, source.plugin, seconds, result, result.error === undefined);
    if (result.stored > 0) this.requestEvaluation();
  }

  private requestEvaluation(): void {
    if (this.stopping) return;
    if (this.evaluation) clearTimeout(this.evaluation);
    this.evaluation = setTimeout(() => this.evaluate(), EVALUATION_DEBOUNCE_MS);
  }

  private evaluate(): void {
    this.evaluation = undefined;
    if (this.stopping) return;
    try {
      this.judge();
    } catch (error) {
      this.options.logger.error({ err: error }, 'evaluation failed; trying again at the next change');
    }
  }

  private judge(): void {
    const { ledger } = this.session;
    // During a bulk load the ledger's read indexes are gone; judge when it has ended.
    if (ledger.isBulkLoading || ledger.hasStaged) {
      this.requestEvaluation();
      return;
    }
    const round = this.session.decide();
    const byStatus: Record<DecisionStatus, number> = { ask: 0, 'warm-up': 0, hold: 0 };
    for (const decision of round.current) byStatus[decision.status]++;
    this.metrics.setDecisions(byStatus, round.changed.length);
    // Each change is its own structured event; a configured log sink writes exactly that already.
    const logged = this.pipeline.sinks.some((sink) => sink.kind === 'log');
    for (const decision of logged ? [] : round.changed) {
      this.options.logger.info(
        {
          event: 'decision',
          target: decision.target,
          status: decision.status,
          readiness: decision.readiness,
          via: decision.via,
          until: decision.until,
          reasons: decision.reasons.map((reason) => reason.text),
          nextSteps: decision.nextSteps,
        },
        'decision changed',
      );
    }
    if (round.changed.length > 0) this.sinks.deliver(round.changed, round.current);
    this.plan = this.crawlPlan();
  }

  private crawlPlan(): CrawlPlan {
    const { ledger } = this.session;
    return buildCrawlPlan(
      ledger.isBulkLoading ? undefined : ledger.view(),
      ledger.me(),
      ledger.targets(),
      this.pipeline.config.decide.introducers,
    );
  }

  private probe() {
    return {
      readiness: () => {
        const waiting = [...this.supervisors.values()].filter((supervisor) => !supervisor.ready).map((supervisor) => supervisor.source.id);
        const quarantined = [...this.supervisors.values()]
          .filter((supervisor) => supervisor.state === 'quarantined')
          .map((supervisor) => supervisor.source.id);
        const ledgerOpen = !this.stopping && this.writer.failed === undefined;
        return {
          ready: ledgerOpen && waiting.length === 0,
          details: { ledger: ledgerOpen ? 'open' : 'closed', waitingForFirstPoll: waiting, quarantined },
        };
      },
      metrics: () => this.metrics.render(),
      setLogLevel: (level: string) => this.setLogLevel(level),
    };
  }

  /** Releases a replaced config's sinks and plugins once no poll uses them any more. */
  private async retire(pipeline: LoadedPipeline, sinks: SinkDispatcher): Promise<void> {
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.idle()));
    await sinks.drain(SINK_DRAIN_MS, this.options.clock);
    await sinks.close();
    try {
      await pipeline.host.dispose();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'releasing the replaced plugins failed');
    }
  }

  private async shutDown(): Promise<void> {
    const { logger, clock } = this.options;
    logger.info({}, 'stopping: no new polls; the batch in flight commits or rolls back whole');
    if (this.evaluation) clearTimeout(this.evaluation);
    if (this.periodic) clearInterval(this.periodic);
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.stop('daemon stopping')));
    this.writer.close();
    const busy = await this.sinks.drain(SINK_DRAIN_MS, clock);
    if (busy.length > 0) logger.warn({ sinks: busy }, 'sinks still delivering at shutdown');
    await this.sinks.close();
    await this.health?.stop();
    try {
      await this.pipeline.host.dispose();
    } catch (error) {
      logger.warn({ err: error }, 'a plugin failed to release');
    }
    this.session.close();
    logger.info({}, 'daemon stopped');
  }
}
