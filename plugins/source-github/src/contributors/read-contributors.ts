import { HttpError, relationSignalId } from '@handshake/sdk';
import { GHOST_USER_ID, GITHUB_NETWORK, githubIdentity, numericId } from '../accounts/github-identity.js';
import { readGithubUser, userReport } from '../accounts/github-user.js';
import { segment } from '../api/github-api.js';
import type { ListCursor } from '../api/list-cursor.js';
import { readBody } from '../api/read-body.js';
import { responseTime } from '../api/response-time.js';
import { walkList } from '../api/walk-list.js';
import { isJsonObject } from '../events/github-event.js';
import type { RepositoryMark } from '../github-cursor.js';
import type { GithubAccount, GithubReadContext } from '../github-read-context.js';
import { Harvest } from '../harvest.js';

/**
 * Reads who contributes to a target's projects: the target's own repositories, most recently pushed
 * first, forks left out (their contributors are the upstream's), up to `reposPerTarget`; then each one's
 * contributors, most commits first. Each contributor of each repository is one `contribution` signal to
 * the target, with the repository as its object and an id made of the two accounts and the repository id:
 * the count of commits grows with every push, but "A contributes to B's project P" is one fact, so it is
 * stored once and never counted twice. It is dated by the answer it was first read in (GitHub gives no date).
 */
export async function* readContributors(context: GithubReadContext, target: GithubAccount): AsyncGenerator<Harvest, void, undefined> {
  const { api, cursor, options } = context;
  const stored = cursor.account(target.id).repositories;
  const previous = stored?.limit === options.reposPerTarget ? stored : undefined;
  const listUrl = api.url(`/users/${segment(target.login)}/repos`, { type: 'owner', sort: 'pushed', per_page: 100 });
  const response = await api.get(listUrl, { ...(previous?.etag !== undefined && { validators: { etag: previous.etag } }) });
  const harvest = new Harvest();
  let repositories: readonly RepositoryMark[];
  if (response.notModified && previous) {
    repositories = previous.repositories;
  } else {
    const body = readBody(response);
    const chosen: RepositoryMark[] = [];
    if ('problem' in body) harvest.reject(`${listUrl} (page 1)`, body.problem);
    for (const [index, item] of ('items' in body ? body.items : []).entries()) {
      if (chosen.length >= options.reposPerTarget) break;
      const where = `${listUrl} (page 1, item ${index})`;
      const repository = readRepository(item);
      if ('problem' in repository) harvest.reject(where, repository.problem);
      else if (repository.fork) harvest.skip(where, `${repository.name} is a fork: its contributors are the upstream project's`);
      else chosen.push(repository.mark);
    }
    repositories = chosen;
  }
  const kept = new Set(repositories.map((repository) => repository.id));
  const contributors = Object.fromEntries(Object.entries(stored?.contributors ?? {}).filter(([id]) => kept.has(id)));
  const etag = response.validators.etag;
  cursor.updateAccount(target.id, {
    repositories: { ...(etag !== undefined && { etag }), repositories, limit: options.reposPerTarget, contributors },
  });
  yield harvest;

  const owner = githubIdentity(target.id);
  for (const repository of repositories) {
    const [ownerLogin = '', name = ''] = repository.name.split('/');
    const first = api.url(`/repos/${segment(ownerLogin)}/${segment(name)}/contributors`, { per_page: 100 });
    const pages = walkList(api, {
      first,
      cursor: cursor.account(target.id).repositories?.contributors[repository.id],
      maxPages: options.contributorPages,
      logger: context.logger,
      // Gone (404), emptied (409) or blocked (451) since it was listed: nothing to read, and not an error.
      acceptStatus: [404, 409, 451],
    });
    try {
      for await (const page of pages) {
        const found = new Harvest();
        if (page.response.status >= 400)
          found.skip(page.url, `${repository.name} answers ${page.response.status}: its contributors cannot be read`);
        if (page.problem !== undefined) found.reject(`${page.url} (page ${page.number})`, page.problem);
        const time = responseTime(page.response, context.clock);
        for (const [index, item] of (page.items ?? []).entries()) {
          const where = `${page.url} (page ${page.number}, item ${index})`;
          const user = readGithubUser(item);
          const type = isJsonObject(item) ? item.type : undefined;
          if (type === 'Anonymous') found.skip(where, 'an anonymous contributor: a commit e-mail with no account');
          else if ('problem' in user) found.reject(where, user.problem);
          else if (user.type === 'Bot' || user.login.endsWith('[bot]')) found.skip(where, `${user.login} is a bot`);
          else if (user.id === GHOST_USER_ID) found.skip(where, 'the ghost account: a deleted user');
          else if (user.id === target.id) found.skip(where, `${target.login}'s own commits to ${repository.name}`);
          else {
            const contributor = githubIdentity(user.id);
            found.signal({
              id: relationSignalId(GITHUB_NETWORK, 'contribution', contributor, owner, `repo/${repository.id}`),
              network: GITHUB_NETWORK,
              kind: 'contribution',
              actor: contributor,
              subject: owner,
              ...time,
              object: { url: repository.url, text: repository.name },
            });
            found.identity(userReport(user));
          }
        }
        updateContributors(context, target, repository.id, page.cursor);
        yield found;
      }
    } catch (error) {
      // GitHub refuses the contributors of a very large history with a 403 that is no rate limit: skip the repository.
      if (!(error instanceof HttpError) || error.kind !== 'status' || error.status !== 403) throw error;
      const refused = new Harvest();
      refused.skip(error.url, `${repository.name}: ${error.bodyExcerpt ?? error.reason}`);
      yield refused;
    }
  }
}

function updateContributors(context: GithubReadContext, target: GithubAccount, repositoryId: string, list: ListCursor): void {
  const current = context.cursor.account(target.id).repositories;
  if (current === undefined) return;
  context.cursor.updateAccount(target.id, {
    repositories: { ...current, contributors: { ...current.contributors, [repositoryId]: list } },
  });
}

type RepositoryRead = { readonly mark: RepositoryMark; readonly name: string; readonly fork: boolean } | { readonly problem: string };

function readRepository(value: unknown): RepositoryRead {
  if (!isJsonObject(value)) return { problem: 'expected a repository object' };
  const id = numericId(value.id);
  if (id === undefined) return { problem: `expected a numeric repository id, received ${JSON.stringify(value.id ?? null)}` };
  if (typeof value.full_name !== 'string' || !/^[^/]+\/[^/]+$/.test(value.full_name))
    return { problem: `repository ${id} has no owner/name` };
  const url = typeof value.html_url === 'string' && value.html_url !== '' ? value.html_url : `https://github.com/${value.full_name}`;
  return { mark: { id, name: value.full_name, url }, name: value.full_name, fork: value.fork === true };
}
