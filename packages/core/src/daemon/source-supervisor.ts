import type { Clock, CrawlPlan, Logger } from '@handshake/sdk';
import type { ConfiguredSource } from '../boot/load-pipeline.js';
import type { DaemonConfig } from '../config/pipeline-config.js';
import type { LedgerWriter, PollResult } from '../pipeline/ledger-writer.js';
import type { SourceSchedule } from './source-schedule.js';

export type SupervisorState = 'waiting' | 'polling' | 'backing-off' | 'quarantined' | 'done' | 'stopped';

export interface SupervisorDeps {
  readonly writer: LedgerWriter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: DaemonConfig;
  readonly plan: () => CrawlPlan;
  /** Called after each poll, failed or not. */
  readonly onPolled: (source: ConfiguredSource, result: PollResult, seconds: number) => void;
  readonly onQuarantined: (source: ConfiguredSource) => void;
}

/**
 * Runs one source on its schedule. A poll is never started while the last one runs; a poll that
 * throws, or hangs past the poll timeout, is cut off and retried with exponential backoff (or at
 * the rate-limit reset the error names); after repeated failures within a window the source is
 * quarantined, and the daemon's other sources go on.
 */
export class SourceSupervisor {
  private wake: AbortController | undefined;
  private running: Promise<void> | undefined;
  private pollAbort: AbortController | undefined;
  private failures: number[] = [];
  private inARow = 0;
  private current: ConfiguredSource;
  state: SupervisorState = 'waiting';
  polls = 0;
  nextAt: number | undefined;
  lastError: string | undefined;

  constructor(
    source: ConfiguredSource,
    private readonly schedule: SourceSchedule,
    private readonly deps: SupervisorDeps,
  ) {
    this.current = source;
  }

  get source(): ConfiguredSource {
    return this.current;
  }

  /** Polled at least once, or waiting to retry: what readiness asks of a source. */
  get ready(): boolean {
    return this.polls > 0 || this.state === 'backing-off' || this.state === 'quarantined';
  }

  start(): void {
    this.deps.logger.info({ source: this.current.id, plugin: this.current.plugin, schedule: this.schedule.describe() }, 'source scheduled');
    this.after(0);
  }

  /** A reloaded config kept this source as it was: later polls use the newly loaded plugin. */
  replaceSource(source: ConfiguredSource): void {
    this.current = source;
  }

  /** Stops scheduling, cuts off a poll in flight, and resolves when it has ended. */
  async stop(reason = 'stopping'): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.wake?.abort();
    this.pollAbort?.abort(new Error(reason));
    await this.running;
  }

  /** Resolves when no poll is running. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private after(delay: number): void {
    if (this.state === 'stopped' || this.state === 'quarantined') return;
    this.nextAt = this.deps.clock.now() + delay;
    const wake = new AbortController();
    this.wake = wake;
    void this.deps.clock.sleep(delay, wake.signal).then(
      () => this.tick(),
      () => undefined,
    );
  }

  private tick(): void {
    if (this.state === 'stopped' || this.state === 'quarantined') return;
    if (this.running) {
      this.deps.logger.warn({ source: this.current.id }, 'poll still running at the next tick; not started twice');
      return;
    }
    this.running = this.poll().finally(() => {
      this.running = undefined;
    });
  }

  private async poll(): Promise<void> {
    const source = this.current;
    const { clock, policy, logger } = this.deps;
    this.state = 'polling';
    const started = clock.now();
    const abort = new AbortController();
    this.pollAbort = abort;
    const timeout = new AbortController();
    void clock.sleep(policy['poll-timeout'], timeout.signal).then(
      () => abort.abort(new Error(`the poll hung past the poll timeout (${policy['poll-timeout'] / 1000}s)`)),
      () => undefined,
    );
    let result: PollResult;
    try {
      result = await this.deps.writer.poll(source, { plan: this.deps.plan(), abort: abort.signal });
    } catch (error) {
      result = { read: 0, stored: 0, duplicate: 0, rejected: 0, skipped: 0, forgotten: 0, error };
    } finally {
      timeout.abort();
      this.pollAbort = undefined;
    }
    const seconds = (clock.now() - started) / 1000;
    this.polls++;
    this.deps.onPolled(source, result, seconds);
    if ((this.state as SupervisorState) === 'stopped') return;
    if (result.error === undefined) {
      this.inARow = 0;
      this.lastError = undefined;
      logger.info(
        {
          source: source.id,
          stored: result.stored,
          duplicate: result.duplicate,
          rejected: result.rejected,
          skipped: result.skipped,
          durationMs: Math.round(seconds * 1000),
        },
        'poll finished',
      );
      const delay = this.schedule.nextDelay(clock.now());
      if (delay === undefined) {
        this.state = 'done';
        logger.info({ source: source.id }, 'source read once: it has no schedule');
        return;
      }
      this.state = 'waiting';
      this.after(delay);
      return;
    }
    this.failed(source, result.error);
  }

  private failed(source: ConfiguredSource, error: unknown): void {
    const { clock, policy, logger } = this.deps;
    const now = clock.now();
    this.lastError = error instanceof Error ? error.message : String(error);
    this.inARow++;
    this.failures = [...this.failures.filter((at) => now - at < policy['quarantine-window']), now];
    if (this.failures.length >= policy['quarantine-after']) {
      this.state = 'quarantined';
      this.nextAt = undefined;
      logger.error(
        { source: source.id, plugin: source.plugin, failures: this.failures.length, withinMs: policy['quarantine-window'], err: error },
        'source quarantined after repeated failures; the others go on',
      );
      this.deps.onQuarantined(source);
      return;
    }
    const backoff = Math.min(policy.backoff * 2 ** (this.inARow - 1), policy['max-backoff']);
    // A rate-limited source waits for its reset when that is later than the backoff.
    const retryAt = (error as { retryAt?: unknown } | undefined)?.retryAt;
    const delay = typeof retryAt === 'number' ? Math.max(backoff, retryAt - now) : backoff;
    this.state = 'backing-off';
    logger.error(
      { source: source.id, plugin: source.plugin, retryInMs: delay, failuresInWindow: this.failures.length, err: error },
      'poll failed; retrying with backoff',
    );
    this.after(delay);
  }
}
