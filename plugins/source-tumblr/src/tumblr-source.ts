import { inject, injectable, PluginContext, type SourceBatch, type SourceContribution, type SourceRequest } from '@handshake/sdk';
import { TumblrApi } from './tumblr-api.js';
import { TumblrBlogReader } from './tumblr-blog-reader.js';
import { parseTumblrCursor } from './tumblr-cursor.js';
import { TUMBLR } from './tumblr-records.js';
import { TumblrRun } from './tumblr-run.js';
import { TumblrSourceOptions } from './tumblr-source-options.js';

/**
 * Reads the public Tumblr world of the pipeline's people (me, targets, introducers, most important
 * first) and of the blogs the options add, with an API key: each blog's posts (what it writes about,
 * whose posts it reblogs, whom it mentions, which sites it links), the posts it liked where its likes
 * are public, and who liked, reblogged and replied to its latest posts. Blogs are keyed by uuid. Whom a
 * blog follows is not public with an API key (the API gives it only to the blog's own OAuth login).
 * The cursor holds, per blog and list, Tumblr's own positions, so a re-poll asks only for what is new.
 */
@injectable()
export class TumblrSource implements SourceContribution<TumblrSourceOptions> {
  readonly kind = 'tumblr';
  readonly options = TumblrSourceOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  async *read(request: SourceRequest<TumblrSourceOptions>): AsyncIterable<SourceBatch> {
    const { options } = request;
    const logger = this.context.logger.child({ source: request.sourceId });
    const api = new TumblrApi(this.context.http, { baseUrl: options.baseUrl, apiKey: options.apiKey, abort: request.abort, logger });
    const run = new TumblrRun(parseTumblrCursor(request.cursor), api, options, this.context.clock, logger, request.abort);
    const blogs = [...new Set([...request.plan.on(TUMBLR).map((identity) => identity.id), ...options.accounts])];
    if (blogs.length === 0) logger.info({ network: TUMBLR }, 'no tumblr blogs to read: none in the plan or the options');
    for (const blog of blogs) {
      if (request.abort.aborted) return;
      yield* new TumblrBlogReader(run, blog).read();
    }
    if (!run.collector.empty) yield run.batch();
  }
}
