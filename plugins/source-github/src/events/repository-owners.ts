import type { IdentityReport } from '@handshake/sdk';
import { type GithubUser, profileReport, readGithubUser, userReport } from '../accounts/github-user.js';
import type { GithubApi } from '../api/github-api.js';
import { segment } from '../api/github-api.js';
import { payloadOwner } from './event-plan.js';
import type { GithubEvent } from './github-event.js';

/**
 * Finds who owns an event's repository. An event names the repository (`owner/name`) but, in most payloads,
 * not its owner's id: that comes from the payload when it holds one, from the event's organization, from the
 * actor (their own repository), from accounts this read already resolved, and only then from
 * `GET /users/{login}`, asked once per login and read. A login renamed since the event answers 404: the
 * event is skipped rather than pinned on whoever holds the login now.
 */
export class RepositoryOwners {
  /** By lower-case login; null for a login GitHub does not know. */
  private readonly byLogin = new Map<string, GithubUser | null>();
  /** What the profiles looked up said, reported with the events that name their owners. */
  private readonly profiles = new Map<string, IdentityReport>();
  private lookupCount = 0;

  constructor(private readonly api: GithubApi) {}

  /** How many lookups this read made. */
  get lookups(): number {
    return this.lookupCount;
  }

  /** What is known of an account: its looked-up profile, else its id and login. */
  report(user: GithubUser): IdentityReport {
    return this.profiles.get(user.id) ?? userReport(user);
  }

  remember(user: GithubUser): void {
    this.byLogin.set(user.login.toLowerCase(), user);
  }

  /** The owner, or undefined when the login is gone. Throws the HttpError of a lookup that failed for good. */
  async ownerOf(event: GithubEvent): Promise<GithubUser | undefined> {
    const login = event.repositoryName?.split('/')[0];
    if (login === undefined) return undefined;
    const key = login.toLowerCase();
    const fromPayload = payloadOwner(event);
    if (fromPayload) return fromPayload;
    if (event.organization && event.organization.login.toLowerCase() === key) return event.organization;
    if (event.actor.login.toLowerCase() === key) return event.actor;
    if (this.byLogin.has(key)) return this.byLogin.get(key) ?? undefined;
    this.lookupCount++;
    const response = await this.api.get(this.api.url(`/users/${segment(login)}`), { acceptStatus: [404] });
    let owner: GithubUser | null = null;
    if (response.status !== 404) {
      const body = parsed(response.json.bind(response));
      const user = readGithubUser(body);
      if (!('problem' in user)) {
        owner = user;
        this.profiles.set(user.id, profileReport(user, body as Record<string, unknown>));
      }
    }
    this.byLogin.set(key, owner);
    return owner ?? undefined;
  }
}

function parsed(json: () => unknown): unknown {
  try {
    return json();
  } catch {
    // A profile that is not JSON names no owner: the event is skipped with that reason.
    return undefined;
  }
}
