/** What one response's headers say about the rate limit, with every time as epoch milliseconds. */
export interface RateLimitReading {
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetAt?: number;
  /** From Retry-After on an error answer: do not call before this. */
  readonly retryAt?: number;
  /** The answer is a rate limit (429, or GitHub's 403 with no budget left or a Retry-After), not a refusal. */
  readonly limited: boolean;
}

/** Unix times below this are durations: 1e9 seconds is 2001, and no window lasts 31 years. */
const EPOCH_SECONDS_FLOOR = 1e9;
/** Above this a number is already epoch milliseconds. */
const EPOCH_MILLISECONDS_FLOOR = 1e12;

/**
 * Reads every platform's rate-limit headers: GitHub and Mastodon `X-RateLimit-*` (reset in epoch
 * seconds or as an ISO-8601 timestamp), X `x-rate-limit-*` (epoch seconds), the IETF draft's
 * `RateLimit-*` (reset in delta seconds; Bluesky sends epoch seconds) and its structured `RateLimit`
 * field, and `Retry-After` in seconds or as an HTTP date. Header names must be lower case.
 */
export function readRateLimit(headers: Readonly<Record<string, string>>, status: number, now: number): RateLimitReading {
  const structured = parseStructuredRateLimit(headers.ratelimit);
  const limit = firstNumber(headers['x-ratelimit-limit'] ?? headers['x-rate-limit-limit'] ?? headers['ratelimit-limit']);
  const remaining =
    firstNumber(headers['x-ratelimit-remaining'] ?? headers['x-rate-limit-remaining'] ?? headers['ratelimit-remaining']) ??
    structured.remaining;
  const resetText = headers['x-ratelimit-reset'] ?? headers['x-rate-limit-reset'] ?? headers['ratelimit-reset'];
  const resetAt =
    resetText !== undefined ? parseReset(resetText, now) : structured.reset !== undefined ? now + structured.reset * 1000 : undefined;
  const retryAt = status >= 400 ? parseRetryAfter(headers['retry-after'], now) : undefined;
  const limited = status === 429 || (status === 403 && (remaining === 0 || retryAt !== undefined));
  return { limit, remaining, resetAt, retryAt, limited };
}

/** A reset value: epoch seconds or milliseconds, delta seconds, or a date (ISO-8601 or HTTP date). */
export function parseReset(value: string, now: number): number | undefined {
  const token = firstToken(value);
  if (/^\d+(\.\d+)?$/.test(token)) {
    const number = Number(token);
    if (number >= EPOCH_MILLISECONDS_FLOOR) return Math.round(number);
    if (number >= EPOCH_SECONDS_FLOOR) return Math.round(number * 1000);
    return now + Math.round(number * 1000);
  }
  const parsed = Date.parse(value.trim());
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Retry-After: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return now + Math.round(Number(text) * 1000);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `RateLimit: limit=100, remaining=50, reset=30` (draft 03-06) or `RateLimit: "default";r=50;t=30` (draft 07+). */
function parseStructuredRateLimit(value: string | undefined): { remaining?: number; reset?: number } {
  if (value === undefined) return {};
  const remaining = /(?:^|[;,\s])(?:remaining|r)=(\d+)/.exec(value)?.[1];
  const reset = /(?:^|[;,\s])(?:reset|t)=(\d+)/.exec(value)?.[1];
  return { remaining: remaining === undefined ? undefined : Number(remaining), reset: reset === undefined ? undefined : Number(reset) };
}

/** The first element of a list header: `100, 100;w=60` (draft 01's policy form) reads as 100. */
function firstToken(value: string): string {
  return value.split(',')[0]?.split(';')[0]?.trim() ?? '';
}

function firstNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = firstToken(value);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
