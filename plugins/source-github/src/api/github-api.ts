import type { HttpClient, HttpCredential, HttpRequest, HttpResponse, HttpValidators } from '@handshake/sdk';
import { CountingHttpClient } from '@handshake/sdk';

/** GitHub asks every client for these: the JSON media type and the API version the answers are shaped by. */
export const GITHUB_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
};

export interface GithubApiOptions {
  readonly baseUrl: string;
  readonly token: string | undefined;
  readonly abort: AbortSignal;
}

export interface GithubGetOptions {
  readonly validators?: HttpValidators;
  /** Statuses answered as a response rather than thrown (404 for an account or repository that is gone). */
  readonly acceptStatus?: readonly number[];
}

/**
 * GitHub's REST API over the plugin's HTTP client, which honours GitHub's rate limits (`x-ratelimit-*`,
 * a 403 or 429 with nothing left, `Retry-After` of the secondary limits) per host and token, retries
 * failures, and follows redirects (a renamed account or repository answers 301 to `/user/<id>` or
 * `/repositories/<id>`). The token goes as a bearer credential, which the client keeps out of logs and errors.
 */
export class GithubApi {
  private readonly base: string;
  readonly credential: HttpCredential | undefined;
  /** The plugin's client, counting what goes through it (for `paginate()` too). */
  readonly http: CountingHttpClient;

  constructor(
    client: HttpClient,
    private readonly options: GithubApiOptions,
  ) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.credential = options.token === undefined ? undefined : { bearer: options.token };
    this.http = new CountingHttpClient(client);
  }

  /** Requests made so far, for the progress line. */
  get requests(): number {
    return this.http.requests;
  }

  /** The absolute URL of an API path (`/users/octocat/followers`), with query parameters. */
  url(path: string, query: Readonly<Record<string, string | number>> = {}): string {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    return url.href;
  }

  /** The request for a URL, for `paginate()` and for `get`. */
  request(url: string, options: GithubGetOptions = {}): HttpRequest {
    return {
      url,
      headers: GITHUB_HEADERS,
      abort: this.options.abort,
      ...(this.credential && { credential: this.credential }),
      ...(options.validators && { validators: options.validators }),
      ...(options.acceptStatus && { acceptStatus: options.acceptStatus }),
    };
  }

  get(url: string, options: GithubGetOptions = {}): Promise<HttpResponse> {
    return this.http.request(this.request(url, options));
  }
}

/** A path segment: logins and repository names are safe, but nothing read from an answer goes into a URL unescaped. */
export function segment(text: string): string {
  return encodeURIComponent(text);
}
