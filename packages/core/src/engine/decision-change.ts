import type { Decision } from '@handshake/sdk';

/** Whether a decision says something new compared with the last one for the same target. */
export function decisionChanged(previous: Decision | undefined, next: Decision): boolean {
  if (!previous) return true;
  return (
    previous.status !== next.status ||
    previous.via?.person !== next.via?.person ||
    previous.until !== next.until ||
    Math.abs(previous.readiness - next.readiness) >= 0.01
  );
}
