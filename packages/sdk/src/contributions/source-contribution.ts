import type { z } from 'zod';
import type { IdentityRef, IdentityReport } from '../model/identity.js';
import type { Signal } from '../model/signal.js';

/** Turns one social network's data into batches of signals. Pull-based; never writes to the ledger. */
export const SourceContribution = Symbol.for('handshake.SourceContribution');
export interface SourceContribution<Options = unknown> {
  readonly kind: string;
  /** Checks and parses the `with:` options before anything runs. */
  readonly options: z.ZodType<Options>;
  /**
   * Yields batches from the last committed cursor on. The host commits each batch with its
   * cursor in one transaction, so a batch must hold whole facts: stopping between batches
   * loses nothing and counts nothing twice.
   */
  read(request: SourceRequest<Options>): AsyncIterable<SourceBatch>;
}

export interface SourceRequest<Options> {
  /** The configured source's id (`id:` in the YAML, or its kind). */
  readonly sourceId: string;
  readonly options: Options;
  /** The cursor committed with the last batch, or undefined on a first run. */
  readonly cursor: string | undefined;
  /** Aborted when the run stops: finish the current batch or give up. */
  readonly abort: AbortSignal;
  /** Whom the pipeline cares about: API sources fetch these people's world and no more. */
  readonly plan: CrawlPlan;
}

/** The accounts worth fetching, per network, most important first. */
export interface CrawlPlan {
  readonly me: readonly IdentityRef[];
  readonly targets: readonly IdentityRef[];
  /** Persons tied to both the user and a target, up to the configured number. */
  readonly introducers: readonly IdentityRef[];
  /** Every identity above on one network, in the order me, targets, introducers. */
  on(network: string): readonly IdentityRef[];
}

/** A record the source could not turn into a signal, with where it sits. */
export interface Rejection {
  /** `file:line`, `file:$.path[3]`, or `URL (page 2)`. */
  readonly where: string;
  readonly reason: string;
}

/** How far a long read has got, for a progress line. */
export interface SourceProgress {
  readonly done: number;
  readonly total?: number;
  readonly unit: 'bytes' | 'records' | 'requests';
}

export interface SourceBatch {
  /**
   * The host checks every signal against the interchange format and rejects bad ones, so a
   * source may pass records it parsed as they are, and give `where` to say where each came from.
   */
  readonly signals: readonly Signal[];
  /** Where the signal at an index came from (`file:line`), for the host's rejection reports. */
  readonly where?: (index: number) => string;
  readonly identities?: readonly IdentityReport[];
  readonly rejected?: readonly Rejection[];
  /**
   * Records that are well formed but hold no fact handshake can use (a like whose author the
   * export does not name, a message in a very large group): counted apart from rejections.
   */
  readonly skipped?: readonly Rejection[];
  /** The cursor that follows this batch, committed with it. */
  readonly cursor: string;
  readonly progress?: SourceProgress;
}
