import type { CrawlPlan } from '@handshake/sdk';
import { GITHUB_NETWORK, numericId } from './github-identity.js';

/** An account to read: by numeric id (the plan) or by login (the `accounts` option). */
export type AccountRequest =
  | { readonly key: string; readonly id: string; readonly target: boolean }
  | { readonly key: string; readonly login: string; readonly target: boolean };

export interface PlannedAccounts {
  readonly requests: readonly AccountRequest[];
  /** Plan identities that are no numeric id (a login written where the id belongs), with why. */
  readonly invalid: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * The accounts one read visits, most important first: the plan's GitHub identities (the user, the targets,
 * the introducers), then the logins of the `accounts` option. Targets also get their contributors read.
 */
export function planAccounts(plan: CrawlPlan, logins: readonly string[]): PlannedAccounts {
  const targets = new Set(plan.targets.filter((identity) => identity.network === GITHUB_NETWORK).map((identity) => identity.id));
  const requests: AccountRequest[] = [];
  const invalid: { id: string; reason: string }[] = [];
  for (const identity of plan.on(GITHUB_NETWORK)) {
    const id = numericId(identity.id);
    if (id === undefined) {
      invalid.push({
        id: identity.id,
        reason: `a GitHub identity is the account's numeric id, not its login: https://api.github.com/users/${encodeURIComponent(identity.id)} shows it as "id"`,
      });
      continue;
    }
    requests.push({ key: `id:${id}`, id, target: targets.has(identity.id) });
  }
  const seen = new Set<string>();
  for (const login of logins) {
    const key = `login:${login.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push({ key, login, target: false });
  }
  return { requests, invalid };
}
