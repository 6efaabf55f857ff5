import type { HttpClient, HttpCredential, Logger } from '@handshake/sdk';
import { AccountDirectory } from './account-directory.js';
import { MastodonInstance } from './mastodon-instance.js';

export interface InstanceRegistryOptions {
  readonly http: HttpClient;
  /** The configured instance's origin: the only one that gets the token. */
  readonly configured: string;
  readonly credential?: HttpCredential;
  readonly abort: AbortSignal;
  readonly logger: Logger;
}

/** The instances one read talks to, each with the directory of its accounts, made once per origin. */
export class InstanceRegistry {
  private readonly instances = new Map<string, MastodonInstance>();
  private readonly directories = new Map<string, Promise<AccountDirectory>>();

  constructor(private readonly options: InstanceRegistryOptions) {}

  get configured(): MastodonInstance {
    return this.api(this.options.configured);
  }

  api(origin: string): MastodonInstance {
    let instance = this.instances.get(origin);
    if (instance === undefined) {
      const { http, abort, logger, credential, configured } = this.options;
      instance = new MastodonInstance({
        http,
        origin,
        abort,
        logger,
        ...(origin === configured && credential !== undefined ? { credential } : {}),
      });
      this.instances.set(origin, instance);
    }
    return instance;
  }

  /** The directory of an instance's accounts; the first call asks the instance for its account domain. */
  directory(origin: string): Promise<AccountDirectory> {
    let directory = this.directories.get(origin);
    if (directory === undefined) {
      const instance = this.api(origin);
      directory = instance.domain().then((domain) => new AccountDirectory(instance, domain, this.options.logger));
      this.directories.set(origin, directory);
    }
    return directory;
  }
}
