import { type IdentityReport, identityKey } from '../model/identity.js';
import type { Signal } from '../model/signal.js';
import type { Rejection, SourceBatch, SourceProgress } from './source-contribution.js';

/**
 * For API sources: gathers what pages yield until the next batch is cut: signals with where each
 * came from, the identities they name (one report per identity, later fields filling in earlier
 * ones), rejections and skips.
 */
export class BatchCollector {
  private signals: Signal[] = [];
  private wheres: string[] = [];
  private identities = new Map<string, IdentityReport>();
  private rejected: Rejection[] = [];
  private skipped: Rejection[] = [];

  get empty(): boolean {
    return this.signals.length + this.identities.size + this.rejected.length + this.skipped.length === 0;
  }

  signal(signal: Signal, where: string): void {
    this.signals.push(signal);
    this.wheres.push(where);
  }

  identity(report: IdentityReport): void {
    const key = identityKey(report);
    this.identities.set(key, { ...this.identities.get(key), ...report });
  }

  reject(where: string, reason: string): void {
    this.rejected.push({ where, reason });
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ where, reason });
  }

  /** Cuts a batch of everything gathered, with the cursor that follows it. */
  take(cursor: string, progress: SourceProgress): SourceBatch {
    const wheres = this.wheres;
    const batch: SourceBatch = {
      signals: this.signals,
      where: (index) => wheres[index] ?? `signal #${index}`,
      identities: [...this.identities.values()],
      rejected: this.rejected,
      skipped: this.skipped,
      cursor,
      progress,
    };
    this.signals = [];
    this.wheres = [];
    this.identities = new Map();
    this.rejected = [];
    this.skipped = [];
    return batch;
  }
}
