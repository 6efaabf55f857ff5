import { createHash } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import type { HttpCredential, RateLimitState } from './http-client.js';
import type { RateLimitReading } from './read-rate-limit.js';

interface Budget {
  limit?: number;
  remaining?: number;
  resetAt?: number;
  blockedUntil?: number;
}

/** One request's claim on a budget, given back when the request turns out not to count. */
export interface RateLimitReservation {
  readonly key: string;
  readonly taken: boolean;
}

/**
 * Rate-limit budgets per host, credential and bucket, as the servers' headers describe them. A request
 * takes one unit before it goes (so concurrent requests do not overrun a budget the server already
 * said was nearly spent), and each answer replaces the estimate with the server's own numbers.
 * Shared between clients, it makes two plugins that call one API with one token wait for each other.
 */
export class RateLimiter {
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly clock: Clock) {}

  /** The budget's key; the credential enters only as a digest, so the key is safe to keep and print. */
  static key(hostOrUrl: string, credential?: HttpCredential, bucket = ''): string {
    return `${hostOf(hostOrUrl)}|${credentialDigest(credential)}|${bucket}`;
  }

  nextAllowedAt(key: string): number {
    const now = this.clock.now();
    const budget = this.budgets.get(key);
    if (!budget) return now;
    let at = now;
    if (budget.blockedUntil !== undefined && budget.blockedUntil > at) at = budget.blockedUntil;
    if (budget.remaining !== undefined && budget.remaining <= 0 && budget.resetAt !== undefined && budget.resetAt > at) at = budget.resetAt;
    return at;
  }

  state(key: string): RateLimitState | undefined {
    const budget = this.budgets.get(key);
    if (!budget) return undefined;
    return { ...budget, nextAllowedAt: this.nextAllowedAt(key) };
  }

  /** Takes one unit for a request about to go; call once `nextAllowedAt` has passed. */
  take(key: string): RateLimitReservation {
    const budget = this.budgets.get(key);
    if (!budget) return { key, taken: false };
    const now = this.clock.now();
    if (budget.resetAt !== undefined && budget.resetAt <= now) {
      // The window the numbers described is over: the budget is full again until the server says otherwise.
      budget.remaining = budget.limit;
      budget.resetAt = undefined;
    }
    if (budget.remaining === undefined) return { key, taken: false };
    budget.remaining = Math.max(0, budget.remaining - 1);
    return { key, taken: true };
  }

  /** Gives a unit back: the request never reached the server, or its answer (a 304) does not count. */
  refund(reservation: RateLimitReservation): void {
    const budget = this.budgets.get(reservation.key);
    if (!reservation.taken || budget?.remaining === undefined) return;
    budget.remaining = budget.limit === undefined ? budget.remaining + 1 : Math.min(budget.limit, budget.remaining + 1);
  }

  /**
   * Records what an answer said. A `free` answer (a 304) refunds its unit and never lowers the budget;
   * its headers may still move the reset.
   */
  record(reservation: RateLimitReservation, reading: RateLimitReading, free = false): void {
    const budget = this.budget(reservation.key);
    if (free) this.refund(reservation);
    if (reading.limit !== undefined) budget.limit = reading.limit;
    if (reading.resetAt !== undefined) budget.resetAt = reading.resetAt;
    if (reading.remaining !== undefined && !free) budget.remaining = reading.remaining;
    if (reading.limited && reading.remaining === undefined && reading.resetAt !== undefined) budget.remaining = 0;
    if (reading.retryAt !== undefined) this.block(reservation.key, reading.retryAt);
  }

  /** Keeps every request on this budget back until `until` (epoch ms). */
  block(key: string, until: number): void {
    const budget = this.budget(key);
    if (budget.blockedUntil === undefined || budget.blockedUntil < until) budget.blockedUntil = until;
  }

  private budget(key: string): Budget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = {};
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

function hostOf(hostOrUrl: string): string {
  if (hostOrUrl.includes('://')) {
    try {
      return new URL(hostOrUrl).host.toLowerCase();
    } catch {
      return hostOrUrl.toLowerCase();
    }
  }
  return hostOrUrl.toLowerCase();
}

function credentialDigest(credential: HttpCredential | undefined): string {
  if (!credential) return 'anonymous';
  const text =
    'bearer' in credential
      ? `bearer\n${credential.bearer}`
      : 'header' in credential
        ? `header\n${credential.header.toLowerCase()}\n${credential.value}`
        : `query\n${credential.query}\n${credential.value}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
