import { inject, injectable, PluginContext, type SourceBatch, type SourceContribution, type SourceRequest } from '@handshake/sdk';
import { planAccounts } from './accounts/plan-accounts.js';
import { readProfile } from './accounts/read-profile.js';
import { GithubApi } from './api/github-api.js';
import { readContributors } from './contributors/read-contributors.js';
import { PollSchedule } from './events/poll-schedule.js';
import { readEvents } from './events/read-events.js';
import { RepositoryOwners } from './events/repository-owners.js';
import { GithubCursorState } from './github-cursor-state.js';
import type { GithubAccount, GithubReadContext } from './github-read-context.js';
import { GithubSourceError } from './github-source-error.js';
import { GithubSourceOptions } from './github-source-options.js';
import { Harvest } from './harvest.js';
import { readFollowList } from './lists/read-follow-list.js';

/**
 * Reads the world of the pipeline's GitHub accounts from the REST API: for each (the user, the targets, the
 * introducers, then the `accounts` option), its profile, its public events (comments, issues, pull requests,
 * reviews, stars, forks to other people's repositories), whom it follows and who follows it; for each target,
 * who contributes to its repositories. Every account is `{network: 'github', id: <numeric id>}`.
 *
 * Batches follow pages: each holds one page's facts and the cursor past that page, so a read that fails (its
 * error names the URL) or stops resumes where it was, and a re-poll asks each page with its ETag and pays
 * only for what changed.
 */
@injectable()
export class GithubSource implements SourceContribution<GithubSourceOptions> {
  readonly kind = 'github';
  readonly options = GithubSourceOptions;
  private readonly polls: PollSchedule;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {
    this.polls = new PollSchedule(context.clock);
  }

  async *read(request: SourceRequest<GithubSourceOptions>): AsyncIterable<SourceBatch> {
    const { options } = request;
    const cursor = new GithubCursorState(request.cursor);
    const api = new GithubApi(this.context.http, { baseUrl: options.baseUrl, token: options.token || undefined, abort: request.abort });
    const context: GithubReadContext = {
      api,
      cursor,
      clock: this.context.clock,
      logger: this.context.logger.child({ source: request.sourceId }),
      options,
    };
    const owners = new RepositoryOwners(api);
    const planned = planAccounts(request.plan, options.accounts);
    const include = new Set(options.include);
    const visited = new Set<string>();
    const profileKeys = new Set<string>();
    let committed = request.cursor;
    const batch = (harvest: Harvest): SourceBatch => {
      committed = cursor.toString();
      return {
        signals: harvest.signals,
        identities: harvest.identities,
        rejected: harvest.rejected,
        skipped: harvest.skipped,
        cursor: committed,
        progress: { done: api.requests, unit: 'requests' },
      };
    };

    if (planned.invalid.length > 0) {
      const invalid = new Harvest();
      for (const { id, reason } of planned.invalid) invalid.reject(`crawl plan: github ${JSON.stringify(id)}`, reason);
      yield batch(invalid);
    }
    try {
      for (const wanted of planned.requests) {
        if (request.abort.aborted) return;
        profileKeys.add(wanted.key);
        const profile = await guard(`the profile of ${'id' in wanted ? `account ${wanted.id}` : wanted.login}`, () =>
          readProfile(context, wanted),
        );
        if (!profile.harvest.empty) yield batch(profile.harvest);
        const account = profile.account;
        if (account === undefined || visited.has(account.id)) continue;
        visited.add(account.id);
        owners.remember(account);
        const steps: [string, () => AsyncGenerator<Harvest, void, undefined>][] = [];
        if (include.has('events')) {
          const pollKey = `${request.sourceId}\u0000${options.baseUrl}\u0000${account.id}`;
          steps.push(['public events', () => readEvents(context, account, { owners, polls: this.polls, pollKey })]);
        }
        if (include.has('following')) steps.push(['following list', () => readFollowList(context, account, 'following')]);
        if (include.has('followers')) steps.push(['followers list', () => readFollowList(context, account, 'followers')]);
        if (include.has('contributors') && wanted.target && options.reposPerTarget > 0) {
          steps.push(["repositories' contributors", () => readContributors(context, account)]);
        }
        for (const [what, step] of steps) {
          for await (const harvest of guardPages(`the ${what} of ${describe(account)}`, step())) {
            // A page that did not change (304) moves nothing: no batch, so an idle poll stores nothing.
            if (harvest.empty && cursor.toString() === committed) continue;
            yield batch(harvest);
            if (request.abort.aborted) return;
          }
        }
      }
    } catch (error) {
      if (request.abort.aborted) return;
      throw error;
    }
    if (owners.lookups > 0) context.logger.debug({ lookups: owners.lookups }, 'repository owners looked up');
    cursor.retain(visited, profileKeys);
    const final = cursor.toString();
    if (final !== committed) yield { signals: [], cursor: final };
  }
}

function describe(account: GithubAccount): string {
  return `${account.login} (github ${account.id})`;
}

async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new GithubSourceError(what, error);
  }
}

async function* guardPages<T>(what: string, pages: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  try {
    yield* pages;
  } catch (error) {
    throw new GithubSourceError(what, error);
  }
}
