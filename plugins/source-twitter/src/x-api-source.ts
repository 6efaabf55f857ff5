import { inject, injectable, PluginContext, type SourceBatch, type SourceContribution, type SourceRequest } from '@handshake/sdk';
import { XApiReader } from './x-api-reader.js';
import { XApiSourceOptions } from './x-api-source-options.js';

/**
 * Reads the X API v2 with an app's bearer token, for the accounts the pipeline cares about (the
 * user, the targets, the introducers) and the configured ones: whom each follows and who follows
 * it, its tweets and the tweets that mention it, and who liked its latest tweets. Tweets become the
 * same signals, with the same ids, as in the account archive (`twitter-archive`).
 */
@injectable()
export class XApiSource implements SourceContribution<XApiSourceOptions> {
  readonly kind = 'x-api';
  readonly options = XApiSourceOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  read(request: SourceRequest<XApiSourceOptions>): AsyncIterable<SourceBatch> {
    return new XApiReader(request, this.context).read();
  }
}
