import type { IdentityReport, Rejection, Signal, SourceBatch } from '@handshake/sdk';
import { crawlPlan } from '@handshake/testing';
import { FeedSource } from '../feed-source.js';
import { FeedSourceOptions } from '../feed-source-options.js';
import { testPluginContext } from './test-plugin-context.js';

/** Everything one read yielded, skipped records included (runSource does not collect them). */
export interface FeedRun {
  readonly batches: SourceBatch[];
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly cursor: string | undefined;
}

/** Runs the feed source once, as the host would, and gathers what it yielded. */
export async function readAll(options: unknown, cursor?: string, source = new FeedSource(testPluginContext())): Promise<FeedRun> {
  const run: FeedRun = { batches: [], signals: [], identities: [], rejected: [], skipped: [], cursor };
  let last = cursor;
  for await (const batch of source.read({
    sourceId: 'feed',
    options: FeedSourceOptions.parse(options),
    cursor,
    abort: new AbortController().signal,
    plan: crawlPlan(),
  })) {
    run.batches.push(batch);
    run.signals.push(...batch.signals);
    run.identities.push(...(batch.identities ?? []));
    run.rejected.push(...(batch.rejected ?? []));
    run.skipped.push(...(batch.skipped ?? []));
    last = batch.cursor;
  }
  return { ...run, cursor: last };
}
