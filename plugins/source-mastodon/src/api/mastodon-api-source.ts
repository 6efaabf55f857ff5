import { inject, injectable, PluginContext, type SourceBatch, type SourceContribution, type SourceRequest } from '@handshake/sdk';
import { ApiRead } from './api-read.js';
import { MastodonApiSourceOptions } from './mastodon-api-source-options.js';

/**
 * Reads the REST API of Mastodon (and of servers compatible with it): the accounts of the crawl plan
 * and of the `accounts` option, each with its statuses (posts, replies, mentions, direct messages,
 * boosts) and whom it follows and who follows it; with the user's token, also the user's favourites
 * and the notifications of what others did toward the user. Identities are actor URIs and signal ids
 * are the ones the `mastodon-archive` kind gives the same facts. The cursor holds the position of every
 * list, so each run reads only what is new.
 */
@injectable()
export class MastodonApiSource implements SourceContribution<MastodonApiSourceOptions> {
  readonly kind = 'mastodon';
  readonly options = MastodonApiSourceOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  read(request: SourceRequest<MastodonApiSourceOptions>): AsyncIterable<SourceBatch> {
    return new ApiRead(this.context, request).read();
  }
}
