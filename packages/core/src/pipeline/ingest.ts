import type { CrawlPlan, Logger, Rejection, SourceProgress } from '@handshake/sdk';
import { catchError, defer, endWith, from, map, merge, Observable, type OperatorFunction, of, startWith } from 'rxjs';
import type { ConfiguredSource } from '../boot/load-pipeline.js';
import type { CommitResult, Ledger } from '../ledger/ledger.js';
import { type CheckedBatch, checkBatch } from './check-batch.js';

/** What an ingest reports as it goes: the summary and the progress line are built from these. */
export type IngestEvent =
  | {
      readonly type: 'batch';
      readonly source: string;
      readonly read: number;
      readonly rejected: readonly Rejection[];
      readonly skipped: readonly Rejection[];
      readonly progress?: SourceProgress;
    }
  | { readonly type: 'commit'; readonly result: CommitResult; readonly signals: number }
  | { readonly type: 'bulk-load'; readonly phase: 'start' | 'rebuilding' | 'end' }
  | { readonly type: 'source-start'; readonly source: string }
  | { readonly type: 'source-done'; readonly source: string }
  | { readonly type: 'source-failed'; readonly source: string; readonly plugin: string; readonly error: unknown };

/** What one source's read emits: its start, its checked batches, and how it ended. */
export type SourceItem =
  | { readonly type: 'checked'; readonly batch: CheckedBatch }
  | Extract<IngestEvent, { type: 'source-start' | 'source-done' | 'source-failed' }>;

export interface CommitPolicy {
  /** Commit once this many signals are staged. */
  readonly maxSignals: number;
  /** Commit staged batches at the latest this long after the first arrived, in milliseconds. */
  readonly maxDelayMs: number;
  /** An ingest expected to store at least this many signals, and more than the ledger holds, runs as a bulk load. */
  readonly bulkLoadAfter: number;
}

export const DEFAULT_COMMIT_POLICY: CommitPolicy = { maxSignals: 50_000, maxDelayMs: 500, bulkLoadAfter: 100_000 };

export interface ReadSourceOptions {
  readonly ledger: Ledger;
  readonly plan: CrawlPlan;
  readonly abort: AbortSignal;
  readonly logger: Logger;
}

export interface IngestOptions extends ReadSourceOptions {
  readonly sources: readonly ConfiguredSource[];
  /** How many sources read at once. */
  readonly concurrency?: number;
  readonly policy?: CommitPolicy;
}

/**
 * Reads every source once into the ledger. Sources run side by side; a source that throws is
 * reported and ends alone while the others go on. Batches are committed with their cursors, several
 * at a time, so a kill at any moment loses nothing and counts nothing twice.
 */
export function ingest(options: IngestOptions): Observable<IngestEvent> {
  const perSource = options.sources.map((source) => readSource(source, options));
  return merge(...perSource, options.concurrency ?? 4).pipe(commitInBatches(options.ledger, options.policy ?? DEFAULT_COMMIT_POLICY));
}

/**
 * One read of one source from its committed cursor: its batches, checked. A source that throws
 * ends with `source-failed` (logged with its plugin's name) instead of an error, so the stream
 * it is merged into goes on.
 */
export function readSource(source: ConfiguredSource, options: ReadSourceOptions): Observable<SourceItem> {
  return defer(() =>
    from(
      source.contribution.read({
        sourceId: source.id,
        options: source.options,
        cursor: options.ledger.cursor(source.id),
        abort: options.abort,
        plan: options.plan,
      }),
    ),
  ).pipe(
    map((batch): SourceItem => ({ type: 'checked', batch: checkBatch(source.id, batch) })),
    startWith<SourceItem>({ type: 'source-start', source: source.id }),
    endWith<SourceItem>({ type: 'source-done', source: source.id }),
    catchError((error: unknown) => {
      options.logger.error({ plugin: source.plugin, source: source.id, err: error }, 'source failed');
      return of<SourceItem>({ type: 'source-failed', source: source.id, plugin: source.plugin, error });
    }),
  );
}

/**
 * Stages checked batches in the ledger's write transaction as they come, and commits them
 * together, by count, after a delay, or when a source ends: each commit ends on a batch boundary
 * with that batch's cursor. Staging at once lets each batch's objects go as soon as it is stored,
 * which keeps memory flat. A large ingest switches the ledger to a bulk load, as soon as the
 * sources' progress says it will be large, and rebuilds its indexes when no source is reading.
 * The daemon runs one of these for its whole life, fed by every poll, so that all writes share
 * one transaction stream.
 */
export function commitInBatches(ledger: Ledger, policy: CommitPolicy): OperatorFunction<SourceItem, IngestEvent> {
  return (items) =>
    new Observable<IngestEvent>((subscriber) => {
      let pendingSignals = 0;
      let stored = 0;
      let timer: NodeJS.Timeout | undefined;
      let failed = false;
      /** Sources reading now: when the last one ends, its batches are committed and a bulk load ends. */
      const active = new Set<string>();
      const startCount = ledger.signalCount();
      /** Per source: signals seen and how far through its input, to estimate the whole import early. */
      const seen = new Map<string, { signals: number; fraction: number }>();
      const expectedSignals = () => {
        let total = 0;
        for (const { signals, fraction } of seen.values()) total += fraction > 0 ? signals / fraction : signals;
        return total;
      };

      const commit = () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (!ledger.hasStaged) return;
        const signals = pendingSignals;
        pendingSignals = 0;
        const result = ledger.commitStaged();
        for (const counts of result.bySource.values()) stored += counts.stored;
        subscriber.next({ type: 'commit', result, signals });
      };
      const finishBulkLoad = () => {
        if (!ledger.isBulkLoading) return;
        subscriber.next({ type: 'bulk-load', phase: 'rebuilding' });
        ledger.endBulkLoad();
        subscriber.next({ type: 'bulk-load', phase: 'end' });
      };
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        if (timer !== undefined) clearTimeout(timer);
        try {
          ledger.rollbackStaged();
          finishBulkLoad();
        } catch {
          // The ledger finishes an interrupted bulk load when it is next opened.
        }
        subscriber.error(error);
      };
      const stage = (batch: CheckedBatch) => {
        const progress = seen.get(batch.source) ?? { signals: 0, fraction: 0 };
        progress.signals += batch.signals.length;
        if (batch.progress?.total) progress.fraction = Math.min(1, batch.progress.done / batch.progress.total);
        seen.set(batch.source, progress);
        const expected = Math.max(stored + pendingSignals + batch.signals.length, expectedSignals());
        if (!ledger.isBulkLoading && expected >= policy.bulkLoadAfter && expected > startCount) {
          commit();
          // A little room above the estimate: the set then never grows for an export of the expected size.
          ledger.beginBulkLoad(Math.ceil(expected * 1.1));
          subscriber.next({ type: 'bulk-load', phase: 'start' });
        }
        ledger.stage(batch);
        pendingSignals += batch.signals.length;
        if (pendingSignals >= policy.maxSignals) commit();
        else
          timer ??= setTimeout(() => {
            try {
              commit();
            } catch (error) {
              fail(error);
            }
          }, policy.maxDelayMs);
      };

      const subscription = items.subscribe({
        next: (item) => {
          if (failed) return;
          if (item.type === 'source-start') active.add(item.source);
          if (item.type === 'source-done' || item.type === 'source-failed') {
            // A source's batches land when it ends, so its summary is final and its next read
            // starts from the committed cursor.
            active.delete(item.source);
            try {
              commit();
              if (active.size === 0) finishBulkLoad();
            } catch (error) {
              fail(error);
              return;
            }
          }
          if (item.type !== 'checked') {
            subscriber.next(item);
            return;
          }
          const { batch } = item;
          subscriber.next({
            type: 'batch',
            source: batch.source,
            read: batch.read,
            rejected: batch.rejected,
            skipped: batch.skipped,
            progress: batch.progress,
          });
          try {
            stage(batch);
          } catch (error) {
            fail(error);
          }
        },
        error: (error) => fail(error),
        complete: () => {
          try {
            commit();
            finishBulkLoad();
            subscriber.complete();
          } catch (error) {
            fail(error);
          }
        },
      });
      return () => {
        if (timer !== undefined) clearTimeout(timer);
        subscription.unsubscribe();
        // Staged batches whose cursors were never committed are read again on the next run.
        if (!failed) ledger.rollbackStaged();
      };
    });
}
