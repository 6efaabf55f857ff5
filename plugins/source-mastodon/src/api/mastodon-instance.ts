import { type HttpClient, type HttpCredential, type HttpRequest, type Logger, redactUrl } from '@handshake/sdk';
import { isObject, text } from './api-json.js';
import { MastodonAnswerError } from './http-errors.js';

export interface MastodonInstanceOptions {
  readonly http: HttpClient;
  /** `https://host`: where the REST API answers. */
  readonly origin: string;
  /** The user's token: given only for the configured instance, never sent anywhere else. */
  readonly credential?: HttpCredential;
  readonly abort: AbortSignal;
  readonly logger: Logger;
}

/** A query parameter's value; a list is sent as `name[]=a&name[]=b`, as Mastodon reads arrays. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/**
 * One Mastodon-compatible server's REST API, as one origin. Every URL it requests, a `Link` it follows
 * included, must be on that origin: the token goes to the server it was issued by and to no other.
 */
export class MastodonInstance {
  private domainAnswer: Promise<string> | undefined;

  constructor(private readonly options: MastodonInstanceOptions) {}

  get origin(): string {
    return this.options.origin;
  }

  get http(): HttpClient {
    return this.options.http;
  }

  /** Whether requests carry the user's token. */
  get authenticated(): boolean {
    return this.options.credential !== undefined;
  }

  url(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
    const url = new URL(path, this.origin);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, item);
      else url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  /** Whether a URL is on this instance's origin. */
  owns(url: string): boolean {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** The request for a URL of this instance, with the token when the instance has one. */
  request(url: string): HttpRequest {
    if (!this.owns(url)) throw new Error(`refused to request ${url} from ${this.origin}: another origin`);
    return {
      url,
      headers: { accept: 'application/json' },
      abort: this.options.abort,
      ...(this.options.credential === undefined ? {} : { credential: this.options.credential }),
    };
  }

  /** GETs a URL of this instance and returns its JSON body; an HttpError for an answer that is not 2xx. */
  async get(url: string): Promise<unknown> {
    const response = await this.options.http.request(this.request(url));
    try {
      return response.json();
    } catch (error) {
      throw new MastodonAnswerError(redactUrl(url), `expected a JSON answer (${(error as Error).message})`, { cause: error });
    }
  }

  /**
   * The domain of the instance's accounts (`@user@domain`), from `/api/v2/instance`. It can differ from
   * the web domain the API answers on (an instance at mastodon.example.org whose accounts are
   * `@user@example.org`); when the instance does not say, the API's host stands in. Asked once.
   */
  domain(): Promise<string> {
    this.domainAnswer ??= this.get(this.url('/api/v2/instance')).then(
      (body) => (isObject(body) ? text(body.domain)?.toLowerCase() : undefined) ?? new URL(this.origin).host,
      (error: unknown) => {
        if (this.options.abort.aborted) throw error;
        this.options.logger.debug({ instance: this.origin, error: (error as Error).message }, 'instance domain unknown: using the host');
        return new URL(this.origin).host;
      },
    );
    return this.domainAnswer;
  }
}
