import type { Clock, Logger } from '@handshake/sdk';
import type { GithubApi } from './api/github-api.js';
import type { GithubCursorState } from './github-cursor-state.js';
import type { GithubSourceOptions } from './github-source-options.js';

/** What every reader of one `read` shares. */
export interface GithubReadContext {
  readonly api: GithubApi;
  readonly cursor: GithubCursorState;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly options: GithubSourceOptions;
}

/** An account whose world is read, once its profile has given its current login. */
export interface GithubAccount {
  readonly id: string;
  readonly login: string;
}
