import { segment } from '../api/github-api.js';
import type { GithubAccount, GithubReadContext } from '../github-read-context.js';
import { Harvest } from '../harvest.js';
import { GHOST_USER_ID } from './github-identity.js';
import { profileReport, readGithubUser } from './github-user.js';
import type { AccountRequest } from './plan-accounts.js';

export interface ProfileRead {
  /** Undefined when there is no account to read (gone, the ghost, an unreadable answer). */
  readonly account?: GithubAccount;
  readonly harvest: Harvest;
}

/**
 * Finds an account and its current login: `GET /user/{id}` for an id (stable), `GET /users/{login}` for a
 * login. A renamed login answers 301 to `/user/<id>`, which the client follows, so the account is still found
 * by its id. The request goes with the last answer's ETag: an unchanged profile (304) costs nothing and is not
 * reported again.
 */
export async function readProfile(context: GithubReadContext, wanted: AccountRequest): Promise<ProfileRead> {
  const { api, cursor, logger } = context;
  const harvest = new Harvest();
  const url = 'id' in wanted ? api.url(`/user/${wanted.id}`) : api.url(`/users/${segment(wanted.login)}`);
  if ('id' in wanted && wanted.id === GHOST_USER_ID) {
    harvest.skip(url, 'the ghost account: a deleted user');
    return { harvest };
  }
  const mark = cursor.profile(wanted.key);
  const response = await api.get(url, { ...(mark?.etag !== undefined && { validators: { etag: mark.etag } }), acceptStatus: [404] });
  if (response.status === 404) {
    cursor.setProfile(wanted.key, undefined);
    harvest.skip(
      url,
      'id' in wanted
        ? `no GitHub account has the id ${wanted.id}: deleted`
        : `no GitHub account is named ${wanted.login}: renamed or deleted`,
    );
    return { harvest };
  }
  if (response.notModified && mark) return { account: { id: mark.id, login: mark.login }, harvest };
  let body: unknown;
  try {
    body = response.json();
  } catch (error) {
    harvest.reject(url, (error as Error).message);
    return { harvest };
  }
  const user = readGithubUser(body);
  if ('problem' in user) {
    harvest.reject(url, `expected a profile: ${user.problem}`);
    return { harvest };
  }
  if ('id' in wanted && user.id !== wanted.id) {
    harvest.reject(url, `expected the profile of account ${wanted.id}, received account ${user.id}`);
    return { harvest };
  }
  if (user.id === GHOST_USER_ID) {
    harvest.skip(url, 'the ghost account: a deleted user');
    return { harvest };
  }
  if (response.url !== url)
    logger.info({ from: url, to: response.url, login: user.login, id: user.id }, 'account found at its new address');
  const etag = response.validators.etag;
  cursor.setProfile(wanted.key, { id: user.id, login: user.login, ...(etag !== undefined && { etag }) });
  harvest.identity(profileReport(user, body as Record<string, unknown>));
  return { account: { id: user.id, login: user.login }, harvest };
}
