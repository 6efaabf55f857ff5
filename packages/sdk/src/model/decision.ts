import type { PersonId } from './person.js';

export type DecisionStatus = 'ask' | 'warm-up' | 'hold';

export const DECISION_STATUSES: readonly DecisionStatus[] = ['ask', 'warm-up', 'hold'];

export interface PersonMention {
  readonly name: string;
  readonly person: PersonId;
}

export interface DecisionReason {
  readonly rule: string;
  readonly text: string;
  readonly evidence: readonly string[];
}

/** The engine's answer for a target, in the shape the `jsonl` sink writes. */
export interface Decision {
  /** ISO-8601 instant of the clock when it was decided. */
  readonly at: string;
  readonly target: PersonMention;
  readonly status: DecisionStatus;
  readonly readiness: number;
  /** The introducer to ask; absent when asking directly or when not asking. */
  readonly via?: PersonMention;
  readonly reasons: readonly DecisionReason[];
  readonly nextSteps: readonly string[];
  /** For `hold`: when it lifts. */
  readonly until?: string;
}
