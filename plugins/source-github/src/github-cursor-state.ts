import { type AccountCursor, type GithubCursor, type ProfileMark, parseGithubCursor } from './github-cursor.js';

/** The cursor while a read goes on: changed page by page, and written out with each batch. */
export class GithubCursorState {
  private profiles: Record<string, ProfileMark>;
  private accounts: Record<string, AccountCursor>;

  constructor(text: string | undefined) {
    const cursor = parseGithubCursor(text);
    this.profiles = { ...cursor.profiles };
    this.accounts = { ...cursor.accounts };
  }

  profile(key: string): ProfileMark | undefined {
    return this.profiles[key];
  }

  setProfile(key: string, mark: ProfileMark | undefined): void {
    const { [key]: _, ...rest } = this.profiles;
    this.profiles = mark === undefined ? rest : { ...rest, [key]: mark };
  }

  account(id: string): AccountCursor {
    return this.accounts[id] ?? {};
  }

  updateAccount(id: string, change: Partial<AccountCursor>): void {
    this.accounts = { ...this.accounts, [id]: { ...this.account(id), ...change } };
  }

  /** Forgets accounts and profiles a finished read did not visit, so the cursor does not grow with every introducer ever planned. */
  retain(accountIds: ReadonlySet<string>, profileKeys: ReadonlySet<string>): void {
    this.accounts = Object.fromEntries(Object.entries(this.accounts).filter(([id]) => accountIds.has(id)));
    this.profiles = Object.fromEntries(Object.entries(this.profiles).filter(([key]) => profileKeys.has(key)));
  }

  toString(): string {
    return JSON.stringify({ version: 1, profiles: this.profiles, accounts: this.accounts } satisfies GithubCursor);
  }
}
