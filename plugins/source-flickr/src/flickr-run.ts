import { BatchCollector, type Clock, type Logger, type SourceBatch } from '@handshake/sdk';
import type { FlickrApi } from './flickr-api.js';
import type { FlickrAccountCursor, FlickrCursor } from './flickr-cursor.js';
import type { FlickrSourceOptions } from './flickr-source-options.js';

/**
 * One read of the `flickr` source: the cursor as it moves forward, what is gathered for the next
 * batch, and the services the account readers share. A batch is cut after each page, stamped with
 * the cursor as it stands then, so a failure later in the read leaves every committed page committed
 * and nothing past the failed page.
 */
export class FlickrRun {
  readonly collector = new BatchCollector();
  private readonly accounts: Record<string, FlickrAccountCursor>;

  constructor(
    cursor: FlickrCursor,
    readonly api: FlickrApi,
    readonly options: FlickrSourceOptions,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly abort: AbortSignal,
  ) {
    this.accounts = { ...cursor.accounts };
  }

  account(nsid: string): FlickrAccountCursor {
    return this.accounts[nsid] ?? {};
  }

  update(nsid: string, change: (cursor: FlickrAccountCursor) => FlickrAccountCursor): void {
    this.accounts[nsid] = change(this.account(nsid));
  }

  /** Cuts a batch of what was gathered, with the cursor as it stands now. */
  batch(): SourceBatch {
    return this.collector.take(JSON.stringify({ accounts: this.accounts } satisfies FlickrCursor), {
      done: this.api.requests,
      unit: 'requests',
    });
  }
}
