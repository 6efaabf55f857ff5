import type { z } from 'zod';
import type { Decision } from '../model/decision.js';

/** Delivers decisions somewhere: a log, a file, a webhook. */
export const SinkContribution = Symbol.for('handshake.SinkContribution');
export interface SinkContribution<Options = unknown> {
  readonly kind: string;
  readonly options: z.ZodType<Options>;
  open(request: SinkRequest<Options>): Promise<SinkWriter> | SinkWriter;
}

export interface SinkRequest<Options> {
  readonly sinkId: string;
  readonly options: Options;
}

/**
 * An open sink. The host gives each writer its own bounded queue and retries, so a slow or
 * failing one never holds up the others or the ledger. Writes must be safe to retry.
 */
export interface SinkWriter {
  /** Decisions that changed since the last ones this sink saw. */
  write(decisions: readonly Decision[]): Promise<void> | void;
  /** The current decision for every target, after each evaluation round: for digests. */
  digest?(decisions: readonly Decision[]): Promise<void> | void;
  close?(): Promise<void> | void;
}
