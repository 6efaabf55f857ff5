import type { IdentityRef } from './identity.js';

/** Why a rule judged as it did: a sentence with numbers and dates, and the signals behind it. */
export interface Reason {
  readonly text: string;
  /** Signal ids. */
  readonly evidence: readonly string[];
}

/** A gate that holds the ask: nobody should reach out until it lifts. */
export interface Hold {
  readonly reason: string;
  /** ISO-8601 instant when the hold lifts; absent only when it lifts on an event (an answer, an unblock). */
  readonly until?: string;
  /** What lifts it when no date does. */
  readonly liftsWhen?: string;
  /** Signal ids behind the hold. */
  readonly evidence?: readonly string[];
}

/** Facts a rule states for the engine and other readers, such as a tie-strength band. */
export type VerdictFacts = Readonly<Record<string, string | number | boolean>>;

/** One rule's judgement about a target, or about one introduction path to a target. */
export interface Verdict {
  readonly rule: string;
  /** Readiness in [0, 1]; absent when the rule only gates or informs. */
  readonly score?: number;
  readonly hold?: Hold;
  readonly reasons: readonly Reason[];
  /** Concrete things the user could do to make the relationship warm. */
  readonly nextSteps?: readonly string[];
  readonly facts?: VerdictFacts;
  /** Identities the verdict refers to when it is about a path, for display. */
  readonly about?: readonly IdentityRef[];
}
