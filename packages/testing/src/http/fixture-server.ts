import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedExchange } from './recorded-exchange.js';

/** Written in a header value or a string body, it becomes the server's URL (`http://127.0.0.1:PORT`) when answered. */
export const BASE_URL_PLACEHOLDER = '{{baseUrl}}';

/** One answer. */
export interface FixtureResponse {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** A string or Buffer goes as it is; anything else as JSON (with a JSON content type unless one is given). */
  readonly body?: unknown;
  /** Real milliseconds to wait before answering: a slow server. The wait ends early when the client gives up. */
  readonly delayMs?: number;
}

/** A fixed answer, or one computed from the request (a 304 when If-None-Match matches, say). */
export type FixtureAnswer = FixtureResponse | ((request: ReceivedRequest) => FixtureResponse);

export interface FixtureRoute {
  /** Default GET. */
  readonly method?: string;
  /**
   * The path; a segment written `:name` matches any one segment (Postman examples use `/2/users/:id`).
   * A query string here (`/bookmarks?limit=1`) is the same as `query` with `exactQuery`.
   */
  readonly path: string;
  /** Query parameters the request must carry with these values; others may come too, unless `exactQuery`. */
  readonly query?: Readonly<Record<string, string>>;
  /** The request's query must be exactly `query` (no parameter more or less). */
  readonly exactQuery?: boolean;
  /** Each request takes the next answer; the last one repeats. */
  readonly responses: FixtureAnswer | readonly FixtureAnswer[];
}

/** A request the server received, for assertions. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A registered route: how often it answered. */
export interface FixtureRouteHandle {
  readonly route: FixtureRoute;
  readonly hits: number;
  readonly requests: readonly ReceivedRequest[];
}

export interface ReplayOptions {
  /** `exact` (the default) matches each recorded query exactly; `ignore` matches on method and path only. */
  readonly query?: 'exact' | 'ignore';
  /**
   * Also rewrite the recorded origins inside bodies. Off by default: bodies hold the ids a source keys people
   * by (a Mastodon actor URL), and those must stay as recorded. Headers (Link, Location) are always rewritten.
   */
  readonly rewriteBodies?: boolean;
}

interface RouteState {
  readonly route: FixtureRoute;
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: Readonly<Record<string, string>> | undefined;
  readonly exactQuery: boolean;
  readonly answers: readonly FixtureAnswer[];
  readonly requests: ReceivedRequest[];
  hits: number;
}

/**
 * A real HTTP server on 127.0.0.1 and a random port that answers from routes: recorded exchanges (see
 * `loadRecordedExchanges`) or hand-written answers with the faults in `fixtureFaults`. It records every
 * request it receives. Plugin authors test API sources against it, with the SDK's real HTTP client.
 */
export class FixtureServer {
  private readonly routes: RouteState[] = [];
  private readonly received: ReceivedRequest[] = [];
  private readonly unmatchedRequests: ReceivedRequest[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private baseUrl: string | undefined;

  /** `http://127.0.0.1:PORT`, once started. */
  get url(): string {
    if (this.baseUrl === undefined) throw new Error('the fixture server is not started: call start() first');
    return this.baseUrl;
  }

  /** Every request received, in order. */
  get requests(): readonly ReceivedRequest[] {
    return this.received;
  }

  /** Requests no route matched (each was answered 404). */
  get unmatched(): readonly ReceivedRequest[] {
    return this.unmatchedRequests;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Adds a route. When several match a request, the most specific wins: an exact path over a pattern, then an exact query, then some query. */
  route(route: FixtureRoute): FixtureRouteHandle {
    const [path = '/', search] = route.path.split('?', 2);
    const queryFromPath = search !== undefined ? Object.fromEntries(new URLSearchParams(search)) : undefined;
    const answers = Array.isArray(route.responses) ? (route.responses as readonly FixtureAnswer[]) : [route.responses as FixtureAnswer];
    if (answers.length === 0) throw new Error(`route ${route.method ?? 'GET'} ${route.path} has no responses`);
    const state: RouteState = {
      route,
      method: (route.method ?? 'GET').toUpperCase(),
      segments: path.split('/'),
      query: route.query ?? queryFromPath,
      exactQuery: route.exactQuery ?? queryFromPath !== undefined,
      answers,
      requests: [],
      hits: 0,
    };
    this.routes.push(state);
    return {
      route,
      get hits() {
        return state.hits;
      },
      get requests() {
        return state.requests;
      },
    };
  }

  /**
   * Serves recorded exchanges: the exchanges with the same method, path (and query) become one route that
   * answers them in recorded order. The recorded origins (`https://api.github.com`, `http://localhost:3000`)
   * are rewritten to this server's URL in Link and Location headers, so a client follows them here.
   */
  replay(exchanges: readonly RecordedExchange[], options: ReplayOptions = {}): FixtureRouteHandle[] {
    const origins = [...new Set(exchanges.map((exchange) => new URL(exchange.url).origin))];
    const groups = new Map<string, { method: string; path: string; query: Record<string, string>; answers: FixtureResponse[] }>();
    for (const exchange of exchanges) {
      const url = new URL(exchange.url);
      const method = exchange.method.toUpperCase();
      const query = Object.fromEntries(url.searchParams);
      const key = options.query === 'ignore' ? `${method} ${url.pathname}` : `${method} ${url.pathname}?${canonicalQuery(query)}`;
      let group = groups.get(key);
      if (!group) {
        group = { method, path: url.pathname, query, answers: [] };
        groups.set(key, group);
      }
      group.answers.push({
        status: exchange.status,
        headers: Object.fromEntries(Object.entries(exchange.headers).map(([name, value]) => [name, rewriteOrigins(value, origins)])),
        body: options.rewriteBodies ? rewriteOrigins(exchange.body.toString('utf8'), origins) : exchange.body,
      });
    }
    return [...groups.values()].map((group) =>
      this.route({
        method: group.method,
        path: group.path,
        ...(options.query === 'ignore' ? {} : { query: group.query, exactQuery: true }),
        responses: group.answers,
      }),
    );
  }

  /** Forgets routes and received requests; the server keeps running on its port. */
  reset(): void {
    this.routes.length = 0;
    this.received.length = 0;
    this.unmatchedRequests.length = 0;
  }

  private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://fixture');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: ReceivedRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      url: incoming.url ?? '/',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.received.push(request);
    const route = this.match(request);
    if (!route) {
      this.unmatchedRequests.push(request);
      this.write(outgoing, request, { status: 404, body: { error: 'no fixture route matches', method: request.method, url: request.url } });
      return;
    }
    route.requests.push(request);
    const answer = route.answers[Math.min(route.hits, route.answers.length - 1)] as FixtureAnswer;
    route.hits++;
    let response: FixtureResponse;
    try {
      response = typeof answer === 'function' ? answer(request) : answer;
    } catch (error) {
      response = { status: 500, body: { error: `the fixture answer threw: ${(error as Error).message}` } };
    }
    if (response.delayMs !== undefined && response.delayMs > 0) {
      const delayMs = response.delayMs;
      const finished = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve(true);
        }, delayMs);
        this.timers.add(timer);
        outgoing.once('close', () => {
          clearTimeout(timer);
          this.timers.delete(timer);
          resolve(false);
        });
      });
      if (!finished || outgoing.destroyed) return;
    }
    this.write(outgoing, request, response);
  }

  private match(request: ReceivedRequest): RouteState | undefined {
    let best: { route: RouteState; score: number } | undefined;
    const segments = request.path.split('/');
    for (const route of this.routes) {
      if (route.method !== request.method || route.segments.length !== segments.length) continue;
      let exactPath = true;
      const pathMatches = route.segments.every((segment, index) => {
        if (segment.startsWith(':') && segment.length > 1 && segments[index] !== '') {
          exactPath = false;
          return true;
        }
        return segment === segments[index];
      });
      if (!pathMatches) continue;
      let queryScore = 0;
      if (route.query !== undefined) {
        const wanted = Object.entries(route.query);
        if (!wanted.every(([name, value]) => request.query[name] === value)) continue;
        if (route.exactQuery && Object.keys(request.query).length !== wanted.length) continue;
        queryScore = route.exactQuery ? 2 : 1;
      }
      const score = (exactPath ? 10 : 0) + queryScore;
      if (!best || score > best.score) best = { route, score };
    }
    return best?.route;
  }

  private write(outgoing: ServerResponse, request: ReceivedRequest, response: FixtureResponse): void {
    const status = response.status ?? 200;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      headers[name.toLowerCase()] = typeof value === 'string' ? this.substitute(value) : value.map((item) => this.substitute(item));
    }
    let body: Buffer;
    if (response.body === undefined || response.body === null) {
      body = Buffer.alloc(0);
    } else if (Buffer.isBuffer(response.body)) {
      body = response.body;
    } else if (typeof response.body === 'string') {
      body = Buffer.from(this.substitute(response.body), 'utf8');
    } else {
      body = Buffer.from(JSON.stringify(response.body), 'utf8');
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const empty = status === 204 || status === 304 || request.method === 'HEAD';
    headers['content-length'] = String(empty ? 0 : body.length);
    outgoing.writeHead(status, headers);
    outgoing.end(empty ? undefined : body);
  }

  private substitute(text: string): string {
    return text.includes(BASE_URL_PLACEHOLDER) ? text.split(BASE_URL_PLACEHOLDER).join(this.url) : text;
  }
}

function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${name}=${query[name]}`)
    .join('&');
}

function rewriteOrigins<T extends string | readonly string[]>(value: T, origins: readonly string[]): T {
  const rewrite = (text: string) => origins.reduce((result, origin) => result.split(origin).join(BASE_URL_PLACEHOLDER), text);
  return (typeof value === 'string' ? rewrite(value) : value.map(rewrite)) as T;
}
