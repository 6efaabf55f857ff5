import type { DecisionStatus, Rejection } from '@handshake/sdk';
import type { IngestEvent } from '../pipeline/ingest.js';

export interface SourceSummary {
  readonly source: string;
  readonly kind: string;
  readonly plugin: string;
  read: number;
  stored: number;
  duplicate: number;
  rejected: number;
  /** Well-formed records that hold no usable fact, as the source judged. */
  skipped: number;
  /** Signals about persons the user asked handshake to forget. */
  forgotten: number;
  status: 'ok' | 'failed';
  error?: string;
  /** The first rejections, with where they are; the rest are counted. */
  readonly rejections: Rejection[];
}

export interface RunSummary {
  readonly sources: readonly SourceSummary[];
  readonly decisions: Readonly<Record<DecisionStatus, number>> & { readonly changed: number };
  readonly ingestMs: number;
  readonly durationMs: number;
  /** Signals read per second of ingest. */
  readonly signalsPerSecond: number;
}

const KEPT_REJECTIONS = 100;

/** Folds ingest events into per-source counts. */
export class IngestTally {
  readonly sources = new Map<string, SourceSummary>();

  constructor(sources: readonly { id: string; kind: string; plugin: string }[]) {
    for (const source of sources) {
      this.sources.set(source.id, {
        source: source.id,
        kind: source.kind,
        plugin: source.plugin,
        read: 0,
        stored: 0,
        duplicate: 0,
        rejected: 0,
        skipped: 0,
        forgotten: 0,
        status: 'ok',
        rejections: [],
      });
    }
  }

  add(event: IngestEvent): void {
    switch (event.type) {
      case 'batch': {
        const summary = this.sources.get(event.source);
        if (!summary) return;
        summary.read += event.read;
        summary.rejected += event.rejected.length;
        summary.skipped += event.skipped.length;
        for (const rejection of event.rejected) if (summary.rejections.length < KEPT_REJECTIONS) summary.rejections.push(rejection);
        return;
      }
      case 'commit':
        for (const [source, counts] of event.result.bySource) {
          const summary = this.sources.get(source);
          if (!summary) continue;
          summary.stored += counts.stored;
          summary.duplicate += counts.duplicate;
          summary.forgotten += counts.forgotten;
        }
        return;
      case 'source-failed': {
        const summary = this.sources.get(event.source);
        if (!summary) return;
        summary.status = 'failed';
        summary.error = event.error instanceof Error ? event.error.message : String(event.error);
        return;
      }
      default:
        return;
    }
  }

  get read(): number {
    let total = 0;
    for (const summary of this.sources.values()) total += summary.read;
    return total;
  }
}
