import {
  type CrawlPlan,
  checkSignal,
  type IdentityRef,
  type IdentityReport,
  type Rejection,
  type Signal,
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
 * tests a source against real files.
 */
export async function runSource<Options>(
  source: SourceContribution<Options>,
  rawOptions: unknown,
  options: RunSourceOptions = {},
): Promise<SourceRun> {
  const parsed = source.options.parse(rawOptions);
  const run = {
    signals: [] as Signal[],
    identities: [] as IdentityReport[],
    rejected: [] as Rejection[],
    skipped: [] as Rejection[],
    batches: 0,
    cursor: options.cursor,
  };
  for await (const batch of source.read({
    sourceId: options.sourceId ?? source.kind,
    options: parsed,
    cursor: options.cursor,
    abort: options.abort ?? new AbortController().signal,
    plan: crawlPlan(options.plan),
  })) {
    run.rejected.push(...(batch.rejected ?? []));
    for (const [index, value] of batch.signals.entries()) {
      const checked = checkSignal(value);
      if (checked.ok) run.signals.push(checked.signal);
      else run.rejected.push({ where: batch.where?.(index) ?? `signal #${index}`, reason: checked.reason });
    }
    run.identities.push(...(batch.identities ?? []));
    run.skipped.push(...(batch.skipped ?? []));
    run.batches++;
    run.cursor = batch.cursor;
  }
  return run;
}
