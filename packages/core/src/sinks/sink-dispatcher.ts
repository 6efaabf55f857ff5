import type { Clock, Decision, Logger, SinkWriter } from '@handshake/sdk';
import type { ConfiguredSink } from '../boot/load-pipeline.js';

type Delivery =
  | { readonly kind: 'write'; readonly decisions: readonly Decision[] }
  | { readonly kind: 'digest'; readonly decisions: readonly Decision[] };

export interface SinkDispatcherOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Deliveries a sink may have waiting; past this the oldest change is dropped and logged. */
  readonly queueLimit?: number;
  readonly maxAttempts?: number;
  /** First retry delay in milliseconds; doubles each attempt. */
  readonly retryDelayMs?: number;
}

export interface SinkReport {
  readonly sink: string;
  readonly plugin: string;
  readonly delivered: number;
  readonly failed: number;
  readonly dropped: number;
  readonly lastError?: string;
}

/** One sink's queue and the loop that empties it, retrying with backoff. */
class SinkLane {
  private readonly queue: Delivery[] = [];
  private writer: SinkWriter | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  delivered = 0;
  failed = 0;
  dropped = 0;
  lastError: string | undefined;

  constructor(
    readonly sink: ConfiguredSink,
    private readonly options: Required<SinkDispatcherOptions>,
  ) {}

  enqueue(delivery: Delivery): void {
    if (this.closed) return;
    if (delivery.kind === 'digest') {
      // Only the newest digest matters: it replaces one still waiting.
      const waiting = this.queue.findIndex((queued) => queued.kind === 'digest');
      if (waiting >= 0) this.queue.splice(waiting, 1);
    }
    this.queue.push(delivery);
    // The limit counts changes waiting; at most one digest waits besides them. The delivery in
    // flight (the head of the queue) is never dropped.
    let waiting = this.queue.filter((queued, index) => queued.kind === 'write' && (index > 0 || !this.busy)).length;
    while (waiting > this.options.queueLimit) {
      const oldest = this.queue.findIndex((queued, index) => queued.kind === 'write' && (index > 0 || !this.busy));
      const [dropped] = this.queue.splice(oldest, 1) as [Delivery];
      waiting--;
      this.dropped += dropped.decisions.length;
      this.options.logger.error(
        { plugin: this.sink.plugin, sink: this.sink.id, decisions: dropped.decisions.length },
        'sink queue full: oldest delivery dropped',
      );
    }
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Resolves once the queue is empty. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    try {
      await this.writer?.close?.();
    } catch (error) {
      this.options.logger.warn({ plugin: this.sink.plugin, sink: this.sink.id, err: error }, 'sink failed to close');
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const delivery = this.queue[0] as Delivery;
      await this.deliver(delivery);
      this.queue.shift();
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { logger, clock, maxAttempts, retryDelayMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        this.writer ??= await this.sink.contribution.open({ sinkId: this.sink.id, options: this.sink.options });
        if (delivery.kind === 'write') {
          await this.writer.write(delivery.decisions);
          this.delivered += delivery.decisions.length;
        } else {
          await this.writer.digest?.(delivery.decisions);
        }
        return;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        if (attempt >= maxAttempts) {
          this.failed += delivery.decisions.length;
          logger.error(
            { plugin: this.sink.plugin, sink: this.sink.id, attempts: attempt, err: error },
            'sink delivery failed; giving up on it',
          );
          return;
        }
        const delay = retryDelayMs * 2 ** (attempt - 1);
        logger.warn(
          { plugin: this.sink.plugin, sink: this.sink.id, attempt, retryInMs: delay, err: error },
          'sink delivery failed; retrying',
        );
        await clock.sleep(delay);
      }
    }
  }
}

/**
 * Hands decisions to every sink. Each sink has its own bounded queue and retries, so a slow or
 * failing sink never holds up the others, the ledger, or the next evaluation.
 */
export class SinkDispatcher {
  private readonly lanes: SinkLane[];

  constructor(sinks: readonly ConfiguredSink[], options: SinkDispatcherOptions) {
    const resolved: Required<SinkDispatcherOptions> = { queueLimit: 100, maxAttempts: 5, retryDelayMs: 500, ...options };
    this.lanes = sinks.map((sink) => new SinkLane(sink, resolved));
  }

  /** Queues the decisions that changed, and the current decision of every target for digests. */
  deliver(changed: readonly Decision[], current: readonly Decision[]): void {
    for (const lane of this.lanes) {
      if (changed.length > 0) lane.enqueue({ kind: 'write', decisions: changed });
      lane.enqueue({ kind: 'digest', decisions: current });
    }
  }

  /** Waits until every queue is empty, or the time is up; says which sinks were still busy. */
  async drain(timeoutMs: number, clock: Clock): Promise<string[]> {
    const abort = new AbortController();
    const timeout = clock.sleep(timeoutMs, abort.signal).then(
      () => 'timeout' as const,
      () => 'done' as const,
    );
    const finished = Promise.all(this.lanes.map((lane) => lane.idle())).then(() => 'done' as const);
    const outcome = await Promise.race([finished, timeout]);
    abort.abort();
    return outcome === 'timeout' ? this.lanes.filter((lane) => lane.busy).map((lane) => lane.sink.id) : [];
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }

  reports(): SinkReport[] {
    return this.lanes.map((lane) => ({
      sink: lane.sink.id,
      plugin: lane.sink.plugin,
      delivered: lane.delivered,
      failed: lane.failed,
      dropped: lane.dropped,
      ...(lane.lastError ? { lastError: lane.lastError } : {}),
    }));
  }
}
