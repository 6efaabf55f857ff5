import {
  checkSignal,
  type IdentityRef,
  type IdentityReport,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceContribution,
} from '@handshake/sdk';
import { crawlPlan } from '@handshake/testing';

/** What one read yielded before it ended or failed: unlike runSource, a failure keeps the batches before it. */
export interface SourceRead {
  readonly batches: SourceBatch[];
  /** Signals as the host would store them. */
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  /** The cursor of the last batch: what the host would have committed. */
  readonly cursor: string | undefined;
  readonly error?: unknown;
}

export interface ReadOptions {
  readonly cursor?: string;
  readonly plan?: { readonly me?: IdentityRef[]; readonly targets?: IdentityRef[]; readonly introducers?: IdentityRef[] };
  readonly abort?: AbortSignal;
}

/** Runs a source once as the host does (options parsed by its schema, each signal checked) and keeps what it yielded. */
export async function readSource<Options>(
  source: SourceContribution<Options>,
  rawOptions: unknown,
  options: ReadOptions = {},
): Promise<SourceRead> {
  const read = {
    batches: [] as SourceBatch[],
    signals: [] as Signal[],
    identities: [] as IdentityReport[],
    rejected: [] as Rejection[],
    skipped: [] as Rejection[],
    cursor: options.cursor,
  };
  try {
    for await (const batch of source.read({
      sourceId: source.kind,
      options: source.options.parse(rawOptions),
      cursor: options.cursor,
      abort: options.abort ?? new AbortController().signal,
      plan: crawlPlan(options.plan),
    })) {
      read.batches.push(batch);
      read.rejected.push(...(batch.rejected ?? []));
      read.skipped.push(...(batch.skipped ?? []));
      read.identities.push(...(batch.identities ?? []));
      for (const [index, value] of batch.signals.entries()) {
        const checked = checkSignal(value);
        if (checked.ok) read.signals.push(checked.signal);
        else read.rejected.push({ where: batch.where?.(index) ?? `signal #${index}`, reason: checked.reason });
      }
      read.cursor = batch.cursor;
    }
  } catch (error) {
    return { ...read, error };
  }
  return read;
}
