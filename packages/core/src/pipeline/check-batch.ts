import {
  checkIdentityReport,
  checkSignal,
  type IdentityReport,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceProgress,
} from '@handshake/sdk';
import type { CheckedSignal } from '../ledger/ledger.js';

/** A source batch after validation: good signals with their parsed instants, bad ones as rejections. */
export interface CheckedBatch {
  readonly source: string;
  /** Records the source read: signals good or bad, records it rejected or skipped itself, and unusable identity reports. */
  readonly read: number;
  readonly signals: CheckedSignal[];
  readonly identities: readonly IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: readonly Rejection[];
  readonly cursor: string;
  readonly progress?: SourceProgress;
}

/**
 * Checks every signal a source yielded against the interchange format. Plugins are code the
 * host does not trust: a malformed signal is rejected with where it came from, never stored.
 */
export function checkBatch(source: string, batch: SourceBatch): CheckedBatch {
  if (typeof batch?.cursor !== 'string') throw new TypeError(`source "${source}" yielded a batch without a string cursor`);
  const signals: CheckedSignal[] = [];
  const rejected: Rejection[] = [...(batch.rejected ?? [])];
  const input = Array.isArray(batch.signals) ? batch.signals : [];
  for (let index = 0; index < input.length; index++) {
    const result = checkSignal(input[index]);
    if (!result.ok) {
      const id = (input[index] as { id?: unknown } | undefined)?.id;
      const where = batch.where?.(index) ?? `${source} signal ${typeof id === 'string' ? id : `#${index}`}`;
      rejected.push({ where, reason: result.reason });
      continue;
    }
    // The ledger records the source from the batch, so the signal itself is not copied to stamp it.
    signals.push({ signal: withoutPrivateText(result.signal), time: result.time });
  }
  const identities: IdentityReport[] = [];
  let badIdentities = 0;
  for (const [index, value] of (Array.isArray(batch.identities) ? batch.identities : []).entries()) {
    const result = checkIdentityReport(value);
    if (result.ok) identities.push(result.report);
    else {
      badIdentities++;
      rejected.push({ where: `${source} identity #${index}`, reason: result.reason });
    }
  }
  return {
    source,
    read: input.length + (batch.rejected?.length ?? 0) + (batch.skipped?.length ?? 0) + badIdentities,
    signals,
    identities,
    rejected,
    skipped: Array.isArray(batch.skipped) ? batch.skipped : [],
    cursor: batch.cursor,
    progress: batch.progress,
  };
}

/**
 * What people wrote in private messages is never stored, whatever a source passes: the rules
 * need that a message was sent, when and to how many, not what it said.
 */
function withoutPrivateText(signal: Signal): Signal {
  if (signal.kind !== 'message' || signal.object?.text === undefined) return signal;
  const { text: _text, ...object } = signal.object;
  return { ...signal, object };
}
