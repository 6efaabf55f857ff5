import type { AccountAddress } from './account-address.js';
import type { AccountDirectory } from './account-directory.js';
import type { ApiAccount } from './api-account.js';
import { isObject, list } from './api-json.js';
import { failureReason, isHttpError, isRequestFailure } from './http-errors.js';
import type { InstanceRegistry } from './instance-registry.js';
import type { MastodonInstance } from './mastodon-instance.js';

/** An account found: on which instance, and as that instance describes it. */
export interface LocatedAccount {
  readonly instance: MastodonInstance;
  readonly directory: AccountDirectory;
  readonly account: ApiAccount;
  /** The instance's id of the account, which its list URLs need. */
  readonly localId: string;
}

/** Where an account was looked for, and why each attempt failed. */
export interface LocateFailure {
  readonly reasons: readonly string[];
}

type Attempt = { readonly instance: MastodonInstance; readonly url: string; readonly match?: (account: ApiAccount) => boolean };

/**
 * Finds an account on its own server first, without the token: that server has all its public
 * statuses and its whole follower and following lists, where another instance has only what reached
 * it, and the token belongs to the configured instance alone. When the home server does not answer
 * (it is down, it is not Mastodon-compatible, it wants a token for everything, its web domain differs
 * from the address's domain), the configured instance is asked: `lookup?acct=user@host` for an address,
 * and a search for an actor URI, which the instance resolves over ActivityPub when there is a token
 * (Mastodon refuses to resolve for an anonymous search).
 */
export class AccountLocator {
  constructor(private readonly instances: InstanceRegistry) {}

  async locate(address: AccountAddress): Promise<LocatedAccount | LocateFailure> {
    const reasons: string[] = [];
    for (const attempt of this.attempts(address)) {
      try {
        const body = await attempt.instance.get(attempt.url);
        const directory = await this.instances.directory(attempt.instance.origin);
        const value = attempt.match === undefined ? body : list(isObject(body) ? body.accounts : undefined)[0];
        const account = value === undefined ? 'no account found' : directory.remember(value);
        if (typeof account === 'string') reasons.push(`${attempt.url}: ${account}`);
        else if (account.localId === undefined) reasons.push(`${attempt.url}: the account has no id`);
        else if (attempt.match !== undefined && !attempt.match(account)) reasons.push(`${attempt.url}: no account with this URI`);
        else return { instance: attempt.instance, directory, account, localId: account.localId };
      } catch (error) {
        if (!isRequestFailure(error)) throw error;
        const notFound = isHttpError(error) && error.status === 404;
        reasons.push(`${error.url}: ${notFound ? 'no such account (HTTP 404)' : failureReason(error)}`);
      }
    }
    return { reasons };
  }

  private attempts(address: AccountAddress): Attempt[] {
    const attempts: Attempt[] = [];
    const home = this.instances.api(address.home);
    if (address.localId !== undefined) attempts.push({ instance: home, url: home.url(`/api/v1/accounts/${address.localId}`) });
    else if (address.username !== undefined)
      attempts.push({ instance: home, url: home.url('/api/v1/accounts/lookup', { acct: address.username }) });
    const configured = this.instances.configured;
    if (configured.origin === home.origin && attempts.length > 0) return attempts;
    const byAcct = address.username !== undefined && address.domain !== undefined;
    if (byAcct) {
      attempts.push({
        instance: configured,
        url: configured.url('/api/v1/accounts/lookup', { acct: `${address.username}@${address.domain}` }),
      });
    }
    // An actor URI whose path is not a username (Misskey's ids) takes a search, which resolves it with a token.
    if (address.uri !== undefined && (configured.authenticated || !byAcct)) {
      const uri = address.uri;
      attempts.push({
        instance: configured,
        url: configured.url('/api/v2/search', { q: uri, type: 'accounts', resolve: configured.authenticated, limit: 1 }),
        match: (account) => account.account.id === uri || account.report.url === uri,
      });
    }
    return attempts;
  }
}
