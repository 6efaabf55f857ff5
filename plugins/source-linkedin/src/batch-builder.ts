import { type IdentityRef, type IdentityReport, type Rejection, type Signal, type SourceBatch, type SourceProgress } from '@handshake/sdk';

/**
 * Collects what the rows of an export yield until a batch is full. Each identity is reported once
 * a run, in the batch of the first signal that names it, so the ledger learns names with the facts.
 * All identities are on the `linkedin` network, so the id alone keys them.
 */
export class BatchBuilder {
  private signals: Signal[] = [];
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  /** Identities reported this run, by id (every identity here is on `linkedin`), with the reference signals share. */
  private readonly reported = new Map<string, IdentityRef>();

  /** Signals, rejections and skips gathered so far. */
  get size(): number {
    return this.signals.length + this.rejected.length + this.skipped.length;
  }

  signal(signal: Signal): void {
    this.signals.push(signal);
  }

  /** Reports the identity (once a run) and returns its reference for a signal. */
  identify(report: IdentityReport): IdentityRef {
    const known = this.reported.get(report.id);
    if (known !== undefined) return known;
    const ref = { network: report.network, id: report.id };
    this.reported.set(report.id, ref);
    this.identities.push(report);
    return ref;
  }

  /** The reference of an identity already reported this run, so a caller need not build its report again. */
  reference(id: string): IdentityRef | undefined {
    return this.reported.get(id);
  }

  reject(where: string, reason: string): void {
    this.rejected.push({ where, reason });
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ where, reason });
  }

  /** The batch so far, with the cursor that follows it; the builder starts a new one. */
  take(cursor: string, progress: SourceProgress): SourceBatch {
    const batch: SourceBatch = {
      signals: this.signals,
      identities: this.identities,
      rejected: this.rejected,
      skipped: this.skipped,
      cursor,
      progress,
    };
    this.signals = [];
    this.identities = [];
    this.rejected = [];
    this.skipped = [];
    return batch;
  }
}
