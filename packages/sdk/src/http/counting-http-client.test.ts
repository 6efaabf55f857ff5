import { describe, expect, it } from 'vitest';
import { CountingHttpClient } from './counting-http-client.js';
import type { HttpClient, HttpResponse } from './http-client.js';

describe('CountingHttpClient', () => {
  it('counts the requests it passes on, and answers waits and budgets from the client it wraps', async () => {
    const asked: string[] = [];
    const inner: HttpClient = {
      request: async (request) => {
        asked.push(request.url);
        return { status: 200 } as HttpResponse;
      },
      nextAllowedAt: (host) => (host === 'api.example' ? 42 : 0),
      rateLimit: () => ({ limit: 60, remaining: 59, resetAt: 1000 }) as ReturnType<HttpClient['rateLimit']>,
    };
    const counting = new CountingHttpClient(inner);
    await counting.request({ url: 'https://api.example/a' });
    await counting.request({ url: 'https://api.example/b' });
    expect(counting.requests).toBe(2);
    expect(asked).toEqual(['https://api.example/a', 'https://api.example/b']);
    expect(counting.nextAllowedAt('api.example')).toBe(42);
    expect(counting.rateLimit('api.example')).toEqual({ limit: 60, remaining: 59, resetAt: 1000 });
  });
});
