import type { z } from 'zod';
import type { LedgerView } from '../ledger/ledger-view.js';
import type { Person } from '../model/person.js';
import type { Verdict } from '../model/verdict.js';

/** The questions a rule can answer: about the target itself, or about one introduction path to them. */
export type RuleScope = 'target' | 'path';

/** Judges how warm a relationship is. Pure: no I/O, deterministic for a given ledger and time. */
export const RuleContribution = Symbol.for('handshake.RuleContribution');
export interface RuleContribution<Options = unknown> {
  readonly kind: string;
  readonly options: z.ZodType<Options>;
  readonly scopes: readonly RuleScope[];
  /** Returns the verdict; every reason cites the signals behind it. */
  evaluate(question: RuleQuestion<Options>): Verdict;
}

export interface RuleQuestion<Options> {
  readonly options: Options;
  readonly ledger: LedgerView;
  /** The clock's time, epoch milliseconds. */
  readonly now: number;
  readonly me: Person;
  readonly target: Person;
  /** Set when the question is about the path through this person. */
  readonly introducer?: Person;
}
