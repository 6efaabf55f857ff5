import type { HttpClient } from './http-client.js';

/**
 * An HTTP client that counts the requests it sends through to another, for a source's progress
 * (`unit: 'requests'`); waits and rate-limit state are the wrapped client's own.
 */
export class CountingHttpClient implements HttpClient {
  private sent = 0;

  constructor(private readonly client: HttpClient) {}

  /** Requests sent so far. */
  get requests(): number {
    return this.sent;
  }

  request(request: Parameters<HttpClient['request']>[0]): ReturnType<HttpClient['request']> {
    this.sent++;
    return this.client.request(request);
  }

  nextAllowedAt(...args: Parameters<HttpClient['nextAllowedAt']>): number {
    return this.client.nextAllowedAt(...args);
  }

  rateLimit(...args: Parameters<HttpClient['rateLimit']>): ReturnType<HttpClient['rateLimit']> {
    return this.client.rateLimit(...args);
  }
}
