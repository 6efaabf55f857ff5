import type { Decision, IdentityReport, LedgerView, Person, PersonId, Signal } from '@handshake/sdk';
import type { PersonConfig } from '../config/pipeline-config.js';

/** A signal that passed the check, with its instant already parsed. */
export interface CheckedSignal {
  readonly signal: Signal;
  /** `signal.at` in epoch milliseconds. */
  readonly time: number;
}

/** One source batch as the ledger stores it: signals, identity facts and the cursor that follows. */
export interface LedgerBatch {
  readonly source: string;
  readonly signals: readonly CheckedSignal[];
  readonly identities: readonly IdentityReport[];
  readonly cursor: string;
}

export interface SourceCommitCounts {
  stored: number;
  duplicate: number;
  /** Signals about a forgotten person, dropped. */
  forgotten: number;
}

export interface CommitResult {
  readonly bySource: ReadonlyMap<string, SourceCommitCounts>;
}

export interface LedgerStats {
  readonly signals: number;
  readonly persons: number;
  readonly identities: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly bySource: Readonly<Record<string, number>>;
}

export interface CursorRecord {
  readonly source: string;
  readonly cursor: string | null;
  /** ISO-8601 instant of the last commit that moved it. */
  readonly updatedAt: string | null;
}

export interface ForgetResult {
  readonly person: PersonId;
  readonly name: string;
  readonly identities: number;
  readonly signals: number;
  readonly decisions: number;
}

/** Small JSON values a plugin keeps between runs, scoped to the plugin. */
export interface PluginState {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * The store of signals, identities, persons, cursors and decisions: the truth everything else is
 * derived from. SQLite is the embedded backend; a server backend implements the same interface.
 */
export interface Ledger {
  /** Makes the config's `me` and targets persons of the ledger, merging each one's identities. */
  declarePersons(me: PersonConfig, targets: readonly PersonConfig[]): void;
  /** Stores batches and their cursors in one transaction: all of it lands, or none. */
  commit(batches: readonly LedgerBatch[]): CommitResult;
  /**
   * Stores a batch and its cursor in the open write transaction, opening one if needed. Nothing
   * staged is visible to other readers or survives a crash until `commitStaged`.
   */
  stage(batch: LedgerBatch): void;
  commitStaged(): CommitResult;
  rollbackStaged(): void;
  readonly hasStaged: boolean;
  /**
   * Starts a bulk load of about `expectedSignals`: drops the indexes only reads need, so a large import writes faster.
   * Reads must wait for `endBulkLoad`, which rebuilds them. Safe to be killed in between.
   */
  beginBulkLoad(expectedSignals?: number): void;
  endBulkLoad(): void;
  readonly isBulkLoading: boolean;
  /** How many signals the ledger holds. */
  signalCount(): number;
  cursor(source: string): string | undefined;
  cursors(): CursorRecord[];
  /** Forgets a source's cursor so the next run reads from the start; false when it had none. */
  resetCursor(source: string): boolean;
  /** A read-only view for one evaluation round; it may cache what it reads. */
  view(): LedgerView;
  me(): Person;
  targets(): Person[];
  /** Persons matching a person id (`p_12`), a name (case-insensitive), `network:id`, or a handle. */
  findPersons(query: string): Person[];
  lastDecision(target: PersonId): Decision | undefined;
  recordDecision(decision: Decision): void;
  stats(): LedgerStats;
  /** Every identity with what sources reported about it, as the JSON lines format's identity lines carry it. */
  exportIdentities(): IterableIterator<IdentityReport>;
  /** Every signal in the interchange format, in the order stored. */
  exportSignals(): IterableIterator<Signal>;
  /** Removes a person's identities, signals, ties, topics and decisions from every table. */
  forget(person: PersonId): ForgetResult;
  pluginState(plugin: string): PluginState;
  close(): void;
}
