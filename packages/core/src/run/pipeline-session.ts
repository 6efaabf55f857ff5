import { type Clock, type Decision, fixedClock } from '@handshake/sdk';
import type { LoadedPipeline } from '../boot/load-pipeline.js';
import { LedgerLock, LedgerLockedError } from '../daemon/ledger-lock.js';
import { decisionChanged } from '../engine/decision-change.js';
import { DecisionEngine, type EngineOptions, type TargetEvaluation } from '../engine/decision-engine.js';
import type { Ledger } from '../ledger/ledger.js';
import { SqliteLedger } from '../ledger/sqlite/sqlite-ledger.js';

/**
 * How a command uses the ledger. `write` takes the ledger's lock (one writer: a daemon, a run, a
 * forget) and fails when another process holds it. `read` takes it when it is free, to bring the
 * config's persons up to date, and otherwise reads what the writer keeps.
 */
export type LedgerAccess = 'write' | 'read';

/** The outcome of one evaluation round. */
export interface DecisionRound {
  readonly evaluations: readonly TargetEvaluation[];
  /** Decisions that differ from the last recorded one for their target; these are recorded. */
  readonly changed: readonly Decision[];
  /** The current decision of every target. */
  readonly current: readonly Decision[];
}

/** A loaded pipeline with its ledger open and its persons declared: what every command works on. */
export class PipelineSession {
  readonly engine: DecisionEngine;

  /** The clock decisions are judged by: the config's `now` when it pins one, else the session's clock. */
  readonly judgeClock: Clock;
  readonly engineOptions: EngineOptions;

  private constructor(
    readonly pipeline: LoadedPipeline,
    readonly ledger: Ledger,
    readonly clock: Clock,
    private readonly lock: LedgerLock | undefined,
  ) {
    const { decide, now } = pipeline.config;
    this.judgeClock = now ? fixedClock(Date.parse(now)) : clock;
    this.engineOptions = {
      askAt: decide['ask-at'],
      warmUpAt: decide['warm-up-at'],
      directAskAt: decide['direct-ask-at'],
      introducers: decide.introducers,
    };
    this.engine = new DecisionEngine(pipeline.rules, this.engineOptions, this.judgeClock, pipeline.logger);
  }

  static open(pipeline: LoadedPipeline, clock: Clock, access: LedgerAccess = 'write'): PipelineSession {
    let lock: LedgerLock | undefined;
    try {
      lock = LedgerLock.acquire(pipeline.storePath, () => clock.now());
    } catch (error) {
      if (access === 'write' || !(error instanceof LedgerLockedError)) throw error;
      pipeline.logger.debug({ reason: error.message }, 'reading the ledger while its writer runs');
    }
    let ledger: SqliteLedger | undefined;
    try {
      ledger = SqliteLedger.open({ path: pipeline.storePath, clock, logger: pipeline.logger.child({ component: 'ledger' }) });
      if (lock) ledger.declarePersons(pipeline.config.me, pipeline.config.targets);
    } catch (error) {
      ledger?.close();
      lock?.release();
      throw error;
    }
    return new PipelineSession(pipeline, ledger, clock, lock);
  }

  /** A session for a reloaded config on a ledger that stays open (the daemon's): persons declared again. */
  static attach(pipeline: LoadedPipeline, ledger: Ledger, clock: Clock): PipelineSession {
    ledger.declarePersons(pipeline.config.me, pipeline.config.targets);
    return new PipelineSession(pipeline, ledger, clock, undefined);
  }

  /** Evaluates every target, records the decisions that changed, and returns the round. */
  decide(): DecisionRound {
    const evaluations = this.engine.evaluate(this.ledger.view(), this.ledger.targets());
    const changed: Decision[] = [];
    for (const { decision } of evaluations) {
      if (!decisionChanged(this.ledger.lastDecision(decision.target.person), decision)) continue;
      this.ledger.recordDecision(decision);
      changed.push(decision);
    }
    return { evaluations, changed, current: evaluations.map((evaluation) => evaluation.decision) };
  }

  close(): void {
    this.ledger.close();
    this.lock?.release();
  }
}
