import {
  type CrawlPlan,
  checkSignal,
  type IdentityRef,
  type IdentityReport,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceContribution,
} from '@handshake/sdk';

/** Everything a source yielded in one read, with the cursor it ended on. */
export interface SourceRun {
  /** Signals as the host would store them: checked and normalized. */
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  /** What the source rejected, and signals the host's check would reject, with where they came from. */
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly batches: number;
  /** The cursor of the last batch, or the cursor given when there was none. */
  readonly cursor: string | undefined;
}

export interface RunSourceOptions {
  readonly cursor?: string;
  readonly plan?: Partial<Pick<CrawlPlan, 'me' | 'targets' | 'introducers'>>;
  readonly sourceId?: string;
  readonly abort?: AbortSignal;
}

/** A crawl plan from plain lists, as the host builds one. */
export function crawlPlan(plan: RunSourceOptions['plan'] = {}): CrawlPlan {
  const me = plan.me ?? [];
  const targets = plan.targets ?? [];
  const introducers = plan.introducers ?? [];
  const all: IdentityRef[] = [...me, ...targets, ...introducers];
  return { me, targets, introducers, on: (network) => all.filter((identity) => identity.network === network) };
}

/**
 * Runs a source once as the host would, with options checked by the source's own schema and every
 * signal checked by the host's own check, and collects what it yields: the way a plugin author
 * tests a source against real files. A source that fails makes it throw.
 */
export async function runSource<Options>(
  source: SourceContribution<Options>,
  rawOptions: unknown,
  options: RunSourceOptions = {},
): Promise<SourceRun> {
  const read = await readSource(source, rawOptions, options);
  if (read.failed) throw read.error;
  return { ...read, batches: read.batches.length };
}

/** What one read yielded before it ended or failed, batch by batch. */
export interface SourceRead extends Omit<SourceRun, 'batches'> {
  readonly batches: SourceBatch[];
  /** Whether the source threw; what it yielded before is kept, as the host commits it. */
  readonly failed: boolean;
  readonly error?: unknown;
}

/** Like `runSource`, but a source that fails does not throw: the read keeps the batches before the failure and the error. */
export async function readSource<Options>(
  source: SourceContribution<Options>,
  rawOptions: unknown,
  options: RunSourceOptions = {},
): Promise<SourceRead> {
  const parsed = source.options.parse(rawOptions);
  const read = {
    signals: [] as Signal[],
    identities: [] as IdentityReport[],
    rejected: [] as Rejection[],
    skipped: [] as Rejection[],
    batches: [] as SourceBatch[],
    cursor: options.cursor,
  };
  try {
    for await (const batch of source.read({
      sourceId: options.sourceId ?? source.kind,
      options: parsed,
      cursor: options.cursor,
      abort: options.abort ?? new AbortController().signal,
      plan: crawlPlan(options.plan),
    })) {
      read.rejected.push(...(batch.rejected ?? []));
      for (const [index, value] of batch.signals.entries()) {
        const checked = checkSignal(value);
        if (checked.ok) read.signals.push(checked.signal);
        else read.rejected.push({ where: batch.where?.(index) ?? `signal #${index}`, reason: checked.reason });
      }
      read.identities.push(...(batch.identities ?? []));
      read.skipped.push(...(batch.skipped ?? []));
      read.batches.push(batch);
      read.cursor = batch.cursor;
    }
  } catch (error) {
    return { ...read, failed: true, error };
  }
  return { ...read, failed: false };
}
