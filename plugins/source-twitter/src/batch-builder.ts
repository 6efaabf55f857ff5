import type { IdentityReport, Rejection, Signal, SourceBatch, SourceProgress } from '@handshake/sdk';
import { formatArchiveCursor } from './archive-cursor.js';

/** About this many signals per batch; a fact's signals are never split. */
export const BATCH_SIGNALS = 2000;

/**
 * Gathers whole facts into batches and stamps each with its cursor. Batches are cut by counts
 * alone, never by time, so the same content is always cut at the same places: that is what lets
 * a resumed import skip the batches an earlier run committed (`resumeAfter`).
 */
export class BatchBuilder {
  private signals: Signal[] = [];
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  private cut = 0;

  constructor(
    private readonly digest: string,
    private readonly resumeAfter: number,
    private readonly progress: () => SourceProgress,
  ) {}

  /** Adds the signals of one fact. */
  add(signals: readonly Signal[]): void {
    for (const signal of signals) this.signals.push(signal);
  }

  identity(report: IdentityReport): void {
    this.identities.push(report);
  }

  reject(where: string, reason: string): void {
    this.rejected.push({ where, reason });
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ where, reason });
  }

  /** Whether a batch is due; reports count too, so a file of bad records still moves on. */
  get full(): boolean {
    return this.signals.length >= BATCH_SIGNALS || this.identities.length + this.rejected.length + this.skipped.length >= BATCH_SIGNALS;
  }

  /**
   * Cuts the batch gathered so far. Returns undefined when an earlier run already committed it.
   * The last batch, `final`, says the whole export is read, even when it holds nothing.
   */
  take(final: boolean): SourceBatch | undefined {
    this.cut++;
    const batch: SourceBatch = {
      signals: this.signals,
      identities: this.identities,
      rejected: this.rejected,
      skipped: this.skipped,
      cursor: formatArchiveCursor(final ? { digest: this.digest, done: true } : { digest: this.digest, batches: this.cut }),
      progress: this.progress(),
    };
    this.signals = [];
    this.identities = [];
    this.rejected = [];
    this.skipped = [];
    return this.cut <= this.resumeAfter && !final ? undefined : batch;
  }
}
