import { type IdentityRef, type PaginationStrategy, paginate, paginationStrategies, signalId } from '@handshake/sdk';
import { GHOST_USER_ID, GITHUB_NETWORK, githubIdentity } from '../accounts/github-identity.js';
import { userReport } from '../accounts/github-user.js';
import { compareIds } from '../api/compare-ids.js';
import { segment } from '../api/github-api.js';
import { pageNumber } from '../api/page-number.js';
import { readBody } from '../api/read-body.js';
import type { EventsCursor } from '../github-cursor.js';
import type { GithubAccount, GithubReadContext } from '../github-read-context.js';
import { Harvest } from '../harvest.js';
import { planEvent } from './event-plan.js';
import { type GithubEvent, readGithubEvent } from './github-event.js';
import type { PollSchedule } from './poll-schedule.js';
import type { RepositoryOwners } from './repository-owners.js';

/** GitHub serves at most 300 events of the last 90 days per timeline: 3 pages of 100. */
export const EVENT_CEILING = 300;
const EVENTS_PER_PAGE = 100;

/** Link pagination whose later pages never carry the first page's If-None-Match: each page has its own ETag. */
function eventPages(): PaginationStrategy {
  const links = paginationStrategies.linkHeader();
  return { ...links, at: (first, cursor) => ({ ...links.at(first, cursor), validators: undefined }) };
}

export interface ReadEventsOptions {
  readonly owners: RepositoryOwners;
  readonly polls: PollSchedule;
  /** The key of this account's poll interval: the configured source and the account. */
  readonly pollKey: string;
}

/**
 * Reads an account's public events, newest first, down to the newest event an earlier read committed.
 * The first page goes with the ETag of the last finished read: a 304 (free of the rate limit) means nothing
 * happened and ends the read at once. `X-Poll-Interval` is honoured between reads. Paging stops quietly at
 * GitHub's ceiling (300 events, or the 422 it answers past it). Each page is a harvest with the cursor past it;
 * a read that fails half-way resumes at the page that failed.
 */
export async function* readEvents(
  context: GithubReadContext,
  account: GithubAccount,
  options: ReadEventsOptions,
): AsyncGenerator<Harvest, void, undefined> {
  const { api, cursor, logger } = context;
  const state: EventsCursor = cursor.account(account.id).events ?? {};
  const walk = state.walk;
  if (walk === undefined && !options.polls.due(options.pollKey)) {
    logger.debug({ account: account.login }, 'events poll interval not over');
    return;
  }
  const pageLimit = Math.min(context.options.maxPages, EVENT_CEILING / EVENTS_PER_PAGE);
  const pagesLeft = walk === undefined ? pageLimit : pageLimit - pageNumber(walk.next) + 1;
  const boundary = state.newest;
  let top = walk?.top;
  let etag = walk?.etag;
  let read = walk?.read ?? 0;
  const finish = (): EventsCursor => {
    const newest = top !== undefined && (boundary === undefined || compareIds(top, boundary) > 0) ? top : boundary;
    return { ...(newest !== undefined && { newest }), ...(etag !== undefined && { etag }) };
  };
  if (pagesLeft <= 0) {
    cursor.updateAccount(account.id, { events: finish() });
    yield new Harvest();
    return;
  }

  const first = api.request(api.url(`/users/${segment(account.login)}/events/public`, { per_page: EVENTS_PER_PAGE }), {
    // Past the ceiling GitHub answers 422 ("pagination is limited for this resource"): the end of the timeline.
    acceptStatus: [422],
    ...(walk === undefined && state.etag !== undefined && { validators: { etag: state.etag } }),
  });
  const pages = paginate(api.http, first, {
    strategy: eventPages(),
    logger,
    maxPages: pagesLeft,
    ...(walk !== undefined && { resumeFrom: walk.next }),
  });
  let finished = false;
  for await (const page of pages) {
    const number = pageNumber(page.request.url);
    const harvest = new Harvest();
    if (walk === undefined && page.index === 0) {
      options.polls.answered(options.pollKey, page.response.headers['x-poll-interval']);
      if (page.response.notModified) {
        logger.debug({ account: account.login }, 'events not modified');
        return;
      }
      etag = page.response.validators.etag;
    }
    if (page.response.status === 422) {
      logger.debug({ account: account.login, url: page.request.url }, 'events ceiling reached');
      finished = true;
    } else {
      const body = readBody(page.response);
      if ('problem' in body) harvest.reject(`${page.request.url} (page ${number})`, body.problem);
      for (const [index, item] of ('items' in body ? body.items : []).entries()) {
        const event = readGithubEvent(item);
        if (boundary !== undefined && !('problem' in event) && compareIds(event.id, boundary) <= 0) {
          finished = true;
          break;
        }
        if (read >= EVENT_CEILING) {
          finished = true;
          break;
        }
        read++;
        if (!('problem' in event)) top ??= event.id;
        await mapEvent(event, `${page.request.url} (page ${number}, item ${index})`, harvest, options.owners);
      }
    }
    if (read >= EVENT_CEILING || page.next === undefined || page.index + 1 >= pagesLeft) finished = true;
    if (finished) {
      if (read >= EVENT_CEILING && boundary !== undefined)
        logger.info({ account: account.login, read }, 'events ceiling reached before the last read');
      cursor.updateAccount(account.id, { events: finish() });
    } else {
      cursor.updateAccount(account.id, {
        events: {
          ...state,
          walk: { ...(top !== undefined && { top }), next: page.next as string, ...(etag !== undefined && { etag }), read },
        },
      });
    }
    yield harvest;
    if (finished) return;
  }
  // The pages ended on a guard (an empty page that links on, a page of events already seen): the walk is over.
  cursor.updateAccount(account.id, { events: finish() });
  yield new Harvest();
}

async function mapEvent(
  event: GithubEvent | { readonly problem: string },
  where: string,
  harvest: Harvest,
  owners: RepositoryOwners,
): Promise<void> {
  if ('problem' in event) {
    harvest.reject(where, event.problem);
    return;
  }
  if (event.actor.id === GHOST_USER_ID) return harvest.skip(where, 'the ghost account: a deleted user');
  if (event.actor.login.endsWith('[bot]')) return harvest.skip(where, `${event.type} by the bot ${event.actor.login}`);
  const plan = planEvent(event);
  if ('skip' in plan) return harvest.skip(where, plan.skip);
  if ('reject' in plan) return harvest.reject(where, plan.reject);
  let subject = plan.subject;
  if (subject === 'repository owner') {
    if (event.repositoryName === undefined) return harvest.skip(where, `${event.type} names no repository`);
    const owner = await owners.ownerOf(event);
    if (owner === undefined)
      return harvest.skip(where, `${event.type}: the owner of ${event.repositoryName} is not found (renamed or deleted since)`);
    if (owner.id === event.actor.id) return harvest.skip(where, `${event.type} on the actor's own repository ${event.repositoryName}`);
    subject = owner;
  }
  if (subject.id === GHOST_USER_ID) return harvest.skip(where, `${event.type} toward the ghost account: a deleted user`);
  if (subject.id === event.actor.id) return harvest.skip(where, `${event.type} toward the actor itself`);
  const actor: IdentityRef = githubIdentity(event.actor.id);
  harvest.signal({
    id: signalId(GITHUB_NETWORK, `event/${event.id}`),
    network: GITHUB_NETWORK,
    kind: plan.kind,
    actor,
    subject: githubIdentity(subject.id),
    at: event.createdAt,
    ...(Object.keys(plan.object).length > 0 && { object: plan.object }),
  });
  harvest.identity(userReport(event.actor));
  harvest.identity(owners.report(subject));
}
