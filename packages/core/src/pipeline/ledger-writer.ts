import type { CrawlPlan, Logger } from '@handshake/sdk';
import { fromEvent, mergeAll, Observable, Subject, type Subscription, share, takeUntil } from 'rxjs';
import type { ConfiguredSource } from '../boot/load-pipeline.js';
import type { Ledger } from '../ledger/ledger.js';
import { type CommitPolicy, commitInBatches, DEFAULT_COMMIT_POLICY, type IngestEvent, readSource, type SourceItem } from './ingest.js';

/** What one poll of one source did. */
export interface PollResult {
  readonly read: number;
  readonly stored: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly forgotten: number;
  /** Set when the source threw. */
  readonly error?: unknown;
}

export interface PollOptions {
  readonly plan: CrawlPlan;
  readonly abort: AbortSignal;
}

/**
 * The daemon's one writer: every poll of every source feeds a single commit stream, so batches of
 * sources polled at once share transactions without ever rolling back one another's work.
 */
export class LedgerWriter {
  private readonly polls = new Subject<Observable<SourceItem>>();
  private readonly subscription: Subscription;
  /** Every ingest event, for logs and metrics. */
  readonly events$: Observable<IngestEvent>;
  private failure: unknown;
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly logger: Logger,
    policy: CommitPolicy = DEFAULT_COMMIT_POLICY,
  ) {
    this.events$ = this.polls.pipe(mergeAll(), commitInBatches(ledger, policy), share());
    this.subscription = this.events$.subscribe({
      next: (event) => {
        if (event.type === 'commit') logger.debug({ signals: event.signals }, 'batches committed');
      },
      error: (error) => {
        this.failure = error;
        logger.fatal({ err: error }, 'the ledger failed to commit');
      },
    });
  }

  /** The error that stopped the writer, if the ledger failed. */
  get failed(): unknown {
    return this.failure;
  }

  /** Reads one source once into the ledger; resolves when its last batch is committed. */
  poll(source: ConfiguredSource, options: PollOptions): Promise<PollResult> {
    if (this.closed) return Promise.reject(new Error('the ledger writer is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const tally = { read: 0, stored: 0, duplicate: 0, rejected: 0, skipped: 0, forgotten: 0 };
      const watch = this.events$.subscribe({
        next: (event) => {
          if (event.type === 'batch' && event.source === source.id) {
            tally.read += event.read;
            tally.rejected += event.rejected.length;
            tally.skipped += event.skipped.length;
          } else if (event.type === 'commit') {
            const counts = event.result.bySource.get(source.id);
            if (counts) {
              tally.stored += counts.stored;
              tally.duplicate += counts.duplicate;
              tally.forgotten += counts.forgotten;
            }
          } else if (event.type === 'source-done' && event.source === source.id) {
            watch.unsubscribe();
            resolve(tally);
          } else if (event.type === 'source-failed' && event.source === source.id) {
            watch.unsubscribe();
            resolve({ ...tally, error: event.error });
          }
        },
        error: (error) => reject(error),
      });
      this.polls.next(
        readSource(source, { ledger: this.ledger, plan: options.plan, abort: options.abort, logger: this.logger }).pipe(
          cutOnAbort(source, options.abort),
        ),
      );
    });
  }

  /** Stops taking polls; what is staged is committed when the stream completes. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.polls.complete();
    this.subscription.unsubscribe();
  }
}

/**
 * Ends a read when its abort signal fires even if the source ignores the signal (a hung plugin):
 * the read is cut off and reported as failed, so the commit stream knows it is over. Batches it
 * yielded before stay: each is whole.
 */
function cutOnAbort(source: ConfiguredSource, abort: AbortSignal) {
  return (items: Observable<SourceItem>) =>
    new Observable<SourceItem>((subscriber) => {
      const failed = (): SourceItem => ({
        type: 'source-failed',
        source: source.id,
        plugin: source.plugin,
        error: abort.reason instanceof Error ? abort.reason : new Error(String(abort.reason ?? 'aborted')),
      });
      if (abort.aborted) {
        subscriber.next(failed());
        subscriber.complete();
        return undefined;
      }
      let ended = false;
      const stop$ = fromEvent(abort, 'abort');
      const subscription = items.pipe(takeUntil(stop$)).subscribe({
        next: (item) => {
          if (item.type === 'source-done' || item.type === 'source-failed') ended = true;
          subscriber.next(item);
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          if (!ended) subscriber.next(failed());
          subscriber.complete();
        },
      });
      return subscription;
    });
}
