import { BatchCollector, type Clock, type Logger, type SourceBatch } from '@handshake/sdk';
import type { TumblrApi } from './tumblr-api.js';
import type { TumblrBlogCursor, TumblrCursor } from './tumblr-cursor.js';
import type { TumblrSourceOptions } from './tumblr-source-options.js';

/**
 * One read of the `tumblr` source: the cursor as it moves forward, what is gathered for the next
 * batch, and the services the blog readers share. A batch is cut after each page, stamped with the
 * cursor as it stands then, so a failure later in the read leaves every committed page committed and
 * nothing past the failed page.
 */
export class TumblrRun {
  readonly collector = new BatchCollector();
  /** Blog uuids read in this run: a blog listed twice (by name and by uuid) is read once. */
  readonly blogsRead = new Set<string>();
  private readonly blogs: Record<string, TumblrBlogCursor>;

  constructor(
    cursor: TumblrCursor,
    readonly api: TumblrApi,
    readonly options: TumblrSourceOptions,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly abort: AbortSignal,
  ) {
    this.blogs = { ...cursor.blogs };
  }

  blog(identifier: string): TumblrBlogCursor {
    return this.blogs[identifier] ?? {};
  }

  update(identifier: string, change: (cursor: TumblrBlogCursor) => TumblrBlogCursor): void {
    this.blogs[identifier] = change(this.blog(identifier));
  }

  /** Cuts a batch of what was gathered, with the cursor as it stands now. */
  batch(): SourceBatch {
    return this.collector.take(JSON.stringify({ blogs: this.blogs } satisfies TumblrCursor), { done: this.api.requests, unit: 'requests' });
  }
}
