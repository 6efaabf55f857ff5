import type { IdentityReport, Rejection, Signal, SourceBatch, SourceProgress } from '@handshake/sdk';

/** What one record of the archive yields. */
export interface RecordOutput {
  readonly signals?: readonly Signal[];
  readonly identities?: readonly IdentityReport[];
  readonly rejected?: readonly Rejection[];
  readonly skipped?: readonly Rejection[];
}

/** About 2,000 entries a batch: small enough to commit quickly, large enough to cost little per commit. */
export const BATCH_SIZE = 2_000;

/**
 * Gathers whole records into batches and numbers them in reading order. A resumed read goes
 * through the archive again and drops the records an earlier run committed, so it rebuilds the
 * same state (the latest time, the counts) and yields only what is new.
 */
export class BatchCollector {
  private signals: Signal[] = [];
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  private readonly reported = new Set<string>();
  private seen = 0;

  constructor(private readonly committed: number) {}

  /** Records read so far, committed or not. */
  get records(): number {
    return this.seen;
  }

  /** Whether enough has gathered for a batch. */
  get full(): boolean {
    return this.signals.length + this.rejected.length + this.skipped.length + this.identities.length >= BATCH_SIZE;
  }

  add(output: RecordOutput): void {
    this.seen++;
    if (this.seen <= this.committed) return;
    if (output.signals) this.signals.push(...output.signals);
    if (output.rejected) this.rejected.push(...output.rejected);
    if (output.skipped) this.skipped.push(...output.skipped);
    for (const identity of output.identities ?? []) {
      // The owner is reported again with counts learned later; others once a read is enough.
      const key = identity.owner ? `owner:${JSON.stringify(identity)}` : identity.id;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.identities.push(identity);
    }
  }

  take(cursor: string, progress: SourceProgress): SourceBatch {
    const batch: SourceBatch = {
      signals: this.signals,
      ...(this.identities.length > 0 ? { identities: this.identities } : {}),
      ...(this.rejected.length > 0 ? { rejected: this.rejected } : {}),
      ...(this.skipped.length > 0 ? { skipped: this.skipped } : {}),
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
