import type { Logger } from '@handshake/sdk';
import { type ApiAccount, readApiAccount } from './api-account.js';
import { list } from './api-json.js';
import { failureReason, isHttpError, isRequestFailure, MastodonAnswerError } from './http-errors.js';
import type { MastodonInstance } from './mastodon-instance.js';

/** Accounts fetched in one request by `GET /api/v1/accounts?id[]=`; Mastodon caps the list at 40. */
const ACCOUNTS_PER_REQUEST = 40;

/**
 * The accounts of one instance by their instance-local ids, which is how the REST API names the accounts
 * a status mentions or answers (`mentions[].id`, `in_reply_to_account_id`) without their actor URI.
 * Every account object an answer carries is remembered; the others are fetched in bulk
 * (`/api/v1/accounts?id[]=`, Mastodon 4.3 and later) or one by one on older servers.
 */
export class AccountDirectory {
  private readonly known = new Map<string, ApiAccount>();
  private readonly unknown = new Set<string>();
  private bulk = true;

  constructor(
    private readonly instance: MastodonInstance,
    /** The instance's account domain: the host of its local accounts' handles. */
    readonly localDomain: string,
    private readonly logger: Logger,
  ) {}

  /** Reads an account object and remembers it by its local id. Returns the reason when it names no account. */
  remember(value: unknown): ApiAccount | string {
    const account = readApiAccount(value, this.localDomain);
    if (typeof account !== 'string' && account.localId !== undefined) this.known.set(account.localId, account);
    return account;
  }

  get(id: string): ApiAccount | undefined {
    return this.known.get(id);
  }

  /** Fetches the accounts of these ids not known yet; an id the instance does not have stays unknown. */
  async resolve(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id) && !this.unknown.has(id));
    while (this.bulk && missing.length > 0) {
      const chunk = missing.slice(0, ACCOUNTS_PER_REQUEST);
      try {
        const body = await this.instance.get(this.instance.url('/api/v1/accounts', { id: chunk }));
        if (!Array.isArray(body)) throw new TypeError('expected an array of accounts');
        for (const value of list(body)) this.remember(value);
      } catch (error) {
        if (this.bulkUnsupported(error)) {
          this.bulk = false;
          this.logger.debug({ instance: this.instance.origin }, 'no bulk account lookup: fetching accounts one by one');
          break;
        }
        if (!isRequestFailure(error)) throw error;
        this.logger.warn({ instance: this.instance.origin, error: failureReason(error) }, 'accounts lookup failed');
      }
      missing.splice(0, chunk.length);
      for (const id of chunk) if (!this.known.has(id)) this.unknown.add(id);
    }
    for (const id of this.bulk ? [] : missing) {
      try {
        this.remember(await this.instance.get(this.instance.url(`/api/v1/accounts/${encodeURIComponent(id)}`)));
      } catch (error) {
        if (!isRequestFailure(error)) throw error;
        if (!isHttpError(error) || (error.status !== 404 && error.status !== 410))
          this.logger.warn({ instance: this.instance.origin, account: id, error: failureReason(error) }, 'account lookup failed');
      }
      if (!this.known.has(id)) this.unknown.add(id);
    }
  }

  /** An older server answers the bulk route with a 4xx (no such route) or with something that is not a list. */
  private bulkUnsupported(error: unknown): boolean {
    if (error instanceof TypeError || error instanceof MastodonAnswerError) return true;
    return isHttpError(error) && error.kind !== 'rate-limited' && error.status !== undefined && error.status >= 400 && error.status < 500;
  }
}
