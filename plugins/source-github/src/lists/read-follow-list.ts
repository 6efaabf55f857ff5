import { type IdentityRef, relationSignalId } from '@handshake/sdk';
import { GHOST_USER_ID, GITHUB_NETWORK, githubIdentity } from '../accounts/github-identity.js';
import { readGithubUser, userReport } from '../accounts/github-user.js';
import { segment } from '../api/github-api.js';
import { responseTime } from '../api/response-time.js';
import { walkList } from '../api/walk-list.js';
import type { GithubAccount, GithubReadContext } from '../github-read-context.js';
import { Harvest } from '../harvest.js';

export type FollowDirection = 'followers' | 'following';

/**
 * Reads who follows an account, or whom it follows, as `follow` signals: page by page, each page a
 * harvest with the list's cursor already moved past it. GitHub gives no follow dates, so a follow is
 * dated by the answer it was first read in (its `Date` header); the id names only the two accounts, so
 * reading it again (from the other side's list, or after the page changed) stores nothing new.
 */
export async function* readFollowList(
  context: GithubReadContext,
  account: GithubAccount,
  direction: FollowDirection,
): AsyncGenerator<Harvest, void, undefined> {
  const { api, cursor } = context;
  const first = api.url(`/users/${segment(account.login)}/${direction}`, { per_page: 100 });
  const pages = walkList(api, {
    first,
    cursor: cursor.account(account.id)[direction],
    maxPages: context.options.maxPages,
    logger: context.logger,
  });
  const self = githubIdentity(account.id);
  for await (const page of pages) {
    const harvest = new Harvest();
    if (page.problem !== undefined) harvest.reject(`${page.url} (page ${page.number})`, page.problem);
    const time = responseTime(page.response, context.clock);
    for (const [index, item] of (page.items ?? []).entries()) {
      const where = `${page.url} (page ${page.number}, item ${index})`;
      const user = readGithubUser(item);
      if ('problem' in user) {
        harvest.reject(where, user.problem);
        continue;
      }
      if (user.id === GHOST_USER_ID) {
        harvest.skip(where, 'the ghost account: a deleted user');
        continue;
      }
      if (user.id === account.id) {
        harvest.skip(where, 'the account itself');
        continue;
      }
      const other = githubIdentity(user.id);
      const [actor, subject]: [IdentityRef, IdentityRef] = direction === 'followers' ? [other, self] : [self, other];
      harvest.signal({
        id: relationSignalId(GITHUB_NETWORK, 'follow', actor, subject),
        network: GITHUB_NETWORK,
        kind: 'follow',
        actor,
        subject,
        ...time,
      });
      harvest.identity(userReport(user));
    }
    cursor.updateAccount(account.id, { [direction]: page.cursor });
    yield harvest;
  }
}
