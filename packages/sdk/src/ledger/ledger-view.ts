import type { Person, PersonId } from '../model/person.js';
import type { SignalKind, SignalObject } from '../model/signal.js';

/** A stored signal as rules see it: persons instead of identities, time in epoch milliseconds. */
export interface SignalRecord {
  readonly id: string;
  readonly network: string;
  readonly kind: SignalKind;
  readonly actor: PersonId;
  readonly subject: PersonId;
  readonly at: number;
  readonly source: string;
  readonly object?: SignalObject;
}

/** Every signal of one kind from one person to another, folded: how many, first and last. */
export interface TieRecord {
  readonly actor: PersonId;
  readonly subject: PersonId;
  readonly kind: SignalKind;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/** Signals of one kind counted, with the first and last instant. */
export interface SignalTally {
  readonly kind: SignalKind;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/** Signals of one kind on one UTC day. */
export interface SignalDay {
  readonly kind: SignalKind;
  /** The UTC day's start, epoch milliseconds. */
  readonly day: number;
  readonly count: number;
}

export interface SignalQuery {
  readonly kinds?: readonly SignalKind[];
  /** Inclusive lower bound, epoch milliseconds. */
  readonly since?: number;
  /** Exclusive upper bound, epoch milliseconds. */
  readonly until?: number;
  /** At most this many, newest first. */
  readonly limit?: number;
}

export interface TieQuery {
  readonly kinds?: readonly SignalKind[];
}

export interface TopicCount {
  readonly topic: string;
  readonly count: number;
  readonly lastAt: number;
}

/** How many accounts a person follows and is followed by, as their networks report or the ledger counts. */
export interface Audience {
  readonly following: number;
  readonly followers: number;
}

/**
 * The ledger as rules read it: read-only and deterministic. Every list comes in a stable order
 * (newest first, then by id), so the same ledger always gives the same verdicts.
 */
export interface LedgerView {
  me(): Person;
  person(id: PersonId): Person | undefined;
  /** A stored signal by its id, to show the evidence a reason cites. */
  signal(id: string): SignalRecord | undefined;
  /** Signals from `actor` to `subject` (one direction). */
  signalsFrom(actor: PersonId, subject: PersonId, query?: SignalQuery): readonly SignalRecord[];
  /**
   * Signals from `actor` to `subject` counted per kind, without reading them one by one: what a
   * rule needs when two busy people exchanged thousands of times. `limit` is ignored.
   */
  countFrom(actor: PersonId, subject: PersonId, query?: SignalQuery): readonly SignalTally[];
  /** Signals from `actor` to `subject` counted per kind and UTC day: enough to apply a decay. */
  daysFrom(actor: PersonId, subject: PersonId, query?: SignalQuery): readonly SignalDay[];
  /** Signals a person acted in, towards anyone. */
  signalsBy(actor: PersonId, query?: SignalQuery): readonly SignalRecord[];
  /** Signals about a person, from anyone. */
  signalsAbout(subject: PersonId, query?: SignalQuery): readonly SignalRecord[];
  /** Folded ties from `actor` to `subject`, one per kind. */
  tiesFrom(actor: PersonId, subject: PersonId, query?: TieQuery): readonly TieRecord[];
  /** Folded ties from a person to everyone (`out`) or from everyone to them (`in`). */
  ties(person: PersonId, direction: 'out' | 'in', query?: TieQuery): readonly TieRecord[];
  /** Topics a person posts about, most frequent first. */
  topics(person: PersonId, limit?: number): readonly TopicCount[];
  audience(person: PersonId): Audience;
  /** Persons tied to both (in either direction, by any kind but block and mute), strongest first. */
  mutuals(a: PersonId, b: PersonId, limit?: number): readonly PersonId[];
}
