import type { IdentityReport, Rejection, Signal, SourceBatch, SourceProgress } from '@handshake/sdk';
import type { RecordOutcome } from './reading-context.js';

const NAME_PREFIX = 'name:';

/**
 * Gathers record outcomes into batches. Each person's identity is reported once per run, with the
 * first batch that names them: the display name is the name the id is made of, and the identity
 * is weak, since a name is no stable key.
 */
export class BatchCollector {
  private signals: Signal[] = [];
  private identities: IdentityReport[] = [];
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly limit: number) {}

  /** Whether the batch holds enough records to be yielded. */
  get full(): boolean {
    return this.signals.length + this.rejected.length + this.skipped.length >= this.limit;
  }

  report(identity: IdentityReport): void {
    this.reported.add(identity.id);
    this.identities.push(identity);
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection);
  }

  add(outcome: RecordOutcome): void {
    if (outcome.rejected) this.rejected.push(...outcome.rejected);
    if (outcome.skipped) this.skipped.push(...outcome.skipped);
    for (const signal of outcome.signals ?? []) {
      this.signals.push(signal);
      this.identify(signal.actor.id);
      this.identify(signal.subject.id);
    }
  }

  /** The batch so far, with the cursor that follows it; the collector starts empty again. */
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

  private identify(id: string): void {
    if (!id.startsWith(NAME_PREFIX) || this.reported.has(id)) return;
    this.report({ network: 'facebook', id, displayName: id.slice(NAME_PREFIX.length), weak: true });
  }
}
