import { inject, injectable, PluginContext, type SourceBatch, type SourceContribution, type SourceRequest, valueAt } from '@handshake/sdk';
import { FlickrAccountReader } from './flickr-account-reader.js';
import { FlickrApi } from './flickr-api.js';
import { parseFlickrCursor } from './flickr-cursor.js';
import { flickrText } from './flickr-fields.js';
import { FlickrReadError } from './flickr-read-error.js';
import { FLICKR, flickrIdentity } from './flickr-records.js';
import { FlickrRun } from './flickr-run.js';
import { FlickrSourceOptions, NSID } from './flickr-source-options.js';

/**
 * Reads the public Flickr world of the pipeline's people (me, targets, introducers, most important
 * first) and of the accounts the options add, with an API key: whom each follows (public contacts),
 * whose photos each faved, and who commented on and faved each one's latest photos. Accounts are
 * keyed by NSID; usernames are looked up. The cursor holds, per account and list, Flickr's own
 * positions (the newest date read, the page a stopped pass goes on at), so a re-poll asks only for
 * what is new.
 */
@injectable()
export class FlickrSource implements SourceContribution<FlickrSourceOptions> {
  readonly kind = 'flickr';
  readonly options = FlickrSourceOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  async *read(request: SourceRequest<FlickrSourceOptions>): AsyncIterable<SourceBatch> {
    const { options } = request;
    const logger = this.context.logger.child({ source: request.sourceId });
    const api = new FlickrApi(this.context.http, { baseUrl: options.baseUrl, apiKey: options.apiKey, abort: request.abort, logger });
    const run = new FlickrRun(parseFlickrCursor(request.cursor), api, options, this.context.clock, logger, request.abort);
    const accounts = await this.accounts(run, request);
    if (accounts.length === 0) logger.info({ network: FLICKR }, 'no flickr accounts to read: none in the plan or the options');
    for (const nsid of accounts) {
      if (request.abort.aborted) return;
      yield* new FlickrAccountReader(run, nsid).read();
    }
    if (!run.collector.empty) yield run.batch();
  }

  /** The NSIDs to read, plan first: ids that are not NSIDs are reported, usernames in the options looked up. */
  private async accounts(run: FlickrRun, request: SourceRequest<FlickrSourceOptions>): Promise<string[]> {
    const accounts = new Set<string>();
    for (const identity of request.plan.on(FLICKR)) {
      if (NSID.test(identity.id)) accounts.add(identity.id);
      else
        run.collector.skip(
          `flickr identity "${identity.id}" in the pipeline`,
          'not an NSID such as 12037949629@N01: a Flickr identity is keyed by its NSID, which flickr.people.findByUsername gives',
        );
    }
    for (const account of request.options.accounts) {
      if (NSID.test(account)) {
        accounts.add(account);
        continue;
      }
      const answer = await this.lookUp(run, account);
      if ('missing' in answer) {
        run.collector.skip(answer.url, `${answer.missing}: no Flickr user is named "${account}"`);
        continue;
      }
      const nsid = flickrText(valueAt(answer.body, 'user.nsid')) ?? flickrText(valueAt(answer.body, 'user.id'));
      if (nsid === undefined || !NSID.test(nsid)) {
        run.collector.reject(answer.url, `user.nsid: expected the NSID of "${account}", received ${JSON.stringify(nsid ?? null)}`);
        continue;
      }
      const handle = flickrText(valueAt(answer.body, 'user.username'));
      run.collector.identity({ ...flickrIdentity(nsid), ...(handle === undefined ? {} : { handle }) });
      accounts.add(nsid);
    }
    return [...accounts];
  }

  private async lookUp(run: FlickrRun, username: string) {
    try {
      return await run.api.call('flickr.people.findByUsername', { username });
    } catch (error) {
      throw new FlickrReadError(`the account named "${username}"`, error);
    }
  }
}
