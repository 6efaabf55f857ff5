import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type Clock,
  type Decision,
  type IdentityLinkEvidence,
  type IdentityRef,
  type IdentityReport,
  type LedgerView,
  type Logger,
  type Person,
  type PersonId,
  SIGNAL_KINDS,
  type Signal,
  type SignalKind,
  type SignalObject,
} from '@handshake/sdk';
import Database from 'better-sqlite3';
import type { PersonConfig } from '../../config/pipeline-config.js';
import type {
  CommitResult,
  CursorRecord,
  ForgetResult,
  Ledger,
  LedgerBatch,
  LedgerStats,
  PluginState,
  SourceCommitCounts,
} from '../ledger.js';
import { signalCheck, signalKey } from '../signal-key.js';
import { BatchFold, normalizeTopic } from './batch-fold.js';
import { IdentityStore } from './identity-store.js';
import { KeySet } from './key-set.js';
import { dropKeyIndex, dropReadIndexes, ensureIndexes, ensureKeyIndex, migrate } from './migrations.js';
import { PersonDirectory } from './person-directory.js';
import { formatPersonId, parsePersonId } from './person-ids.js';
import { SignalRowBuffer } from './signal-row-buffer.js';
import { SqliteLedgerView } from './sqlite-ledger-view.js';
import { StatementCache } from './statement-cache.js';

const KIND_INDEX = new Map<string, number>(SIGNAL_KINDS.map((kind, index) => [kind, index]));
/** Set while a bulk load runs: the last signal stored before it began. */
const BULK_LOAD_FROM = 'bulk_load_from_seq';
/** Past this, the in-memory key set of a bulk load gives way to the dedupe index, to bound memory. */
const KEY_SET_LIMIT_BYTES = 64 * 1024 * 1024;

export interface SqliteLedgerOptions {
  readonly path: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SQLite page cache; the default keeps a million-signal import under 200 MB. */
  readonly cacheMegabytes?: number;
}

interface SignalRow {
  seq: number;
  id: string;
  kind: number;
  network: string;
  actor_network: string;
  actor_key: string;
  subject_network: string;
  subject_key: string;
  at: number;
  raw_at: string | null;
  source: string;
  object: string | null;
}

/**
 * The embedded ledger: one SQLite file in WAL mode, safe under SIGKILL because every commit is
 * one transaction and WAL makes it atomic. Identities are cached in memory and ties folded per
 * transaction, which is what keeps ingest above 100,000 signals a second.
 */
export class SqliteLedger implements Ledger {
  private readonly identities: IdentityStore;
  private readonly directory: PersonDirectory;
  private readonly sourceIds = new Map<string, number>();
  private bulkLoading = false;
  /** The open write transaction's folds and counts, while batches are staged. */
  private staged: { fold: BatchFold; bySource: Map<string, SourceCommitCounts> } | undefined;
  /** During a bulk load larger than the ledger: the keys stored, standing in for the dedupe index. */
  private keySet: KeySet | undefined;
  /** Signals the key set vouched for, waiting to go in many rows per statement. */
  private readonly newRows: SignalRowBuffer;
  private readonly viewStatements: StatementCache;
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    const salt = this.setting('salt') ?? this.initSalt();
    this.identities = new IdentityStore(db, salt, logger);
    this.directory = new PersonDirectory(db);
    this.viewStatements = new StatementCache(db);
    this.newRows = new SignalRowBuffer(db);
    this.statements = {
      insertSignal: db.prepare(
        'INSERT OR IGNORE INTO signals(key, id, kind, network, actor, subject, at, raw_at, source, object) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      idAtKey: db.prepare<[number], { id: string }>('SELECT id FROM signals WHERE key = ?'),
      upsertTie: db.prepare(`
        INSERT INTO ties(actor, subject, kind, count, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(actor, subject, kind) DO UPDATE SET
          count = count + excluded.count,
          first_at = min(first_at, excluded.first_at),
          last_at = max(last_at, excluded.last_at)`),
      upsertTopic: db.prepare(`
        INSERT INTO topics(identity, topic, count, last_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(identity, topic) DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)`),
      source: db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE name = ?'),
      insertSource: db.prepare('INSERT INTO sources(name) VALUES (?)'),
      setCursor: db.prepare('UPDATE sources SET cursor = ?, cursor_at = ? WHERE id = ?'),
      cursor: db.prepare<[string], { cursor: string | null }>('SELECT cursor FROM sources WHERE name = ?'),
      cursors: db.prepare<[], { name: string; cursor: string | null; cursor_at: number | null }>(
        'SELECT name, cursor, cursor_at FROM sources ORDER BY name',
      ),
      resetCursor: db.prepare('UPDATE sources SET cursor = NULL, cursor_at = NULL WHERE name = ? AND cursor IS NOT NULL'),
      lastDecision: db.prepare<[number], { body: string }>('SELECT body FROM decisions WHERE target = ? ORDER BY seq DESC LIMIT 1'),
      insertDecision: db.prepare('INSERT INTO decisions(target, via, at, status, readiness, body) VALUES (?, ?, ?, ?, ?, ?)'),
      exportSignals: db.prepare<[], SignalRow>(`
        SELECT s.seq, s.id, s.kind, n.name AS network, an.name AS actor_network, a.key AS actor_key,
               sn.name AS subject_network, b.key AS subject_key, s.at, s.raw_at, src.name AS source, s.object
        FROM signals s
        JOIN networks n ON n.id = s.network
        JOIN identities a ON a.id = s.actor JOIN networks an ON an.id = a.network
        JOIN identities b ON b.id = s.subject JOIN networks sn ON sn.id = b.network
        JOIN sources src ON src.id = s.source
        ORDER BY s.seq`),
      stateGet: db.prepare<[string, string], { value: string }>('SELECT value FROM plugin_state WHERE plugin = ? AND key = ?'),
      stateSet: db.prepare(
        'INSERT INTO plugin_state(plugin, key, value) VALUES (?, ?, ?) ON CONFLICT(plugin, key) DO UPDATE SET value = excluded.value',
      ),
      stateDelete: db.prepare('DELETE FROM plugin_state WHERE plugin = ? AND key = ?'),
    };
  }

  static open(options: SqliteLedgerOptions): SqliteLedger {
    mkdirSync(dirname(options.path), { recursive: true });
    const db = new Database(options.path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      // Sorts for index builds spill to temporary files rather than memory, which keeps peak memory flat.
      db.pragma('temp_store = FILE');
      db.pragma(`cache_size = -${(options.cacheMegabytes ?? 4) * 1024}`);
      // Fewer, larger checkpoints: batched commits dirty many index pages at once.
      db.pragma('wal_autocheckpoint = 10000');
      migrate(db);
    } catch (error) {
      db.close();
      throw new Error(`cannot open the ledger ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    const ledger = new SqliteLedger(db, options.clock, options.logger);
    ledger.finishInterruptedBulkLoad();
    return ledger;
  }

  declarePersons(me: PersonConfig, targets: readonly PersonConfig[]): void {
    this.db.transaction(() => this.identities.declare(me, targets))();
    this.directory.invalidate();
  }

  commit(batches: readonly LedgerBatch[]): CommitResult {
    try {
      for (const batch of batches) this.stage(batch);
    } catch (error) {
      this.rollbackStaged();
      throw error;
    }
    return this.commitStaged();
  }

  get hasStaged(): boolean {
    return this.staged !== undefined;
  }

  /**
   * Stores a batch inside the open write transaction, opening one if none is. Batches are staged
   * as they arrive, so their objects die young, and committed together: nothing of them is
   * visible to other readers, or survives a crash, until `commitStaged`.
   */
  stage(batch: LedgerBatch): void {
    if (!this.staged) {
      this.db.exec('BEGIN IMMEDIATE');
      this.staged = { fold: new BatchFold(), bySource: new Map() };
    }
    const { fold, bySource } = this.staged;
    const counts = bySource.get(batch.source) ?? { stored: 0, duplicate: 0, forgotten: 0 };
    bySource.set(batch.source, counts);
    const source = this.sourceId(batch.source);
    for (const report of batch.identities) this.identities.report(report);
    for (const { signal, time } of batch.signals) {
      const actor = this.identities.resolve(signal.actor);
      const subject = this.identities.resolve(signal.subject);
      const about = signal.object?.about;
      if (actor === undefined || subject === undefined || (about !== undefined && this.identities.isForgotten(about))) {
        counts.forgotten++;
        continue;
      }
      const kind = KIND_INDEX.get(signal.kind) as number;
      if (!this.insertSignal(signal, kind, actor, subject, time, source)) {
        counts.duplicate++;
        continue;
      }
      counts.stored++;
      if (!this.bulkLoading) fold.addTie(actor, subject, kind, time);
      const topics = signal.object?.topics;
      if (topics) for (const topic of topics) fold.addTopic(actor, normalizeTopic(topic), time);
    }
    this.newRows.flush();
    this.statements.setCursor.run(batch.cursor, this.clock.now(), source);
  }

  /** Folds the staged ties and topics in, and commits: every staged batch and cursor lands at once. */
  commitStaged(): CommitResult {
    const staged = this.staged;
    if (!staged) return { bySource: new Map() };
    try {
      for (const tie of staged.fold.tieAggregates())
        this.statements.upsertTie.run(tie.actor, tie.subject, tie.kind, tie.count, tie.first, tie.last);
      for (const topic of staged.fold.topicAggregates()) {
        if (topic.topic !== '') this.statements.upsertTopic.run(topic.identity, topic.topic, topic.count, topic.last);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollbackStaged();
      throw error;
    }
    this.staged = undefined;
    if (this.keySet && this.keySet.bytes > KEY_SET_LIMIT_BYTES) {
      ensureKeyIndex(this.db);
      this.keySet = undefined;
    }
    this.directory.invalidate();
    return { bySource: staged.bySource };
  }

  /** Drops everything staged since the last commit, as if it had never been read. */
  rollbackStaged(): void {
    if (!this.staged) return;
    this.staged = undefined;
    this.newRows.clear();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    // Rows created in the rolled-back transaction may be cached; read them afresh.
    this.identities.invalidate();
    this.directory.invalidate();
    this.sourceIds.clear();
    if (this.keySet) {
      // The set still holds the keys of rolled-back signals: let the dedupe index take over.
      this.keySet = undefined;
      ensureKeyIndex(this.db);
    }
  }

  /**
   * During a bulk load the read indexes are dropped and ties are not folded per commit: both are
   * rebuilt in one pass at the end, over the signals stored since the load began. Into an empty
   * ledger, the dedupe index is deferred too, with the keys kept in memory meanwhile. The start is
   * recorded first, so a load cut short by a crash is finished when the ledger is next opened.
   */
  beginBulkLoad(expectedSignals = 0): void {
    if (this.bulkLoading) return;
    const from = (this.db.prepare('SELECT coalesce(max(seq), 0) FROM signals').pluck().get() as number) ?? 0;
    this.db
      .prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(BULK_LOAD_FROM, String(from));
    dropReadIndexes(this.db);
    // Random keys make every insert into the dedupe index a page miss. When the load is larger than
    // what is stored, the keys held so far go into the in-memory set and the index is built once at
    // the end; unless the set would be too large to keep, and the index stays.
    if (from <= expectedSignals && KeySet.bytesFor(from + expectedSignals) <= KEY_SET_LIMIT_BYTES) {
      const keySet = new KeySet(from + expectedSignals);
      const stored = this.db.prepare<[], { key: number; id: string }>('SELECT key, id FROM signals');
      for (const { key, id } of stored.iterate()) keySet.add(key, signalCheck(id));
      dropKeyIndex(this.db);
      this.keySet = keySet;
    }
    this.bulkLoading = true;
  }

  endBulkLoad(): void {
    if (!this.bulkLoading) return;
    this.keySet = undefined;
    this.finishInterruptedBulkLoad();
    this.bulkLoading = false;
  }

  get isBulkLoading(): boolean {
    return this.bulkLoading;
  }

  signalCount(): number {
    return this.db.prepare('SELECT count(*) FROM signals').pluck().get() as number;
  }

  cursor(source: string): string | undefined {
    return this.statements.cursor.get(source)?.cursor ?? undefined;
  }

  cursors(): CursorRecord[] {
    return this.statements.cursors.all().map((row) => ({
      source: row.name,
      cursor: row.cursor,
      updatedAt: row.cursor_at === null ? null : new Date(row.cursor_at).toISOString(),
    }));
  }

  resetCursor(source: string): boolean {
    return this.statements.resetCursor.run(source).changes > 0;
  }

  view(): LedgerView {
    if (this.bulkLoading) throw new Error('the ledger is in a bulk load: read it after endBulkLoad()');
    return new SqliteLedgerView(this.viewStatements, this.directory);
  }

  me(): Person {
    const me = this.directory.me();
    if (!me) throw new Error('the ledger has no "me" yet: declare the config\'s persons first');
    return me;
  }

  targets(): Person[] {
    return this.directory.withRole('target');
  }

  findPersons(query: string): Person[] {
    return this.directory.find(query);
  }

  lastDecision(target: PersonId): Decision | undefined {
    const row = parsePersonId(target);
    if (row === undefined) return undefined;
    const body = this.statements.lastDecision.get(row)?.body;
    return body === undefined ? undefined : (JSON.parse(body) as Decision);
  }

  recordDecision(decision: Decision): void {
    const target = parsePersonId(decision.target.person);
    if (target === undefined) throw new Error(`not a person id: ${decision.target.person}`);
    const via = decision.via ? (parsePersonId(decision.via.person) ?? null) : null;
    this.statements.insertDecision.run(target, via, Date.parse(decision.at), decision.status, decision.readiness, JSON.stringify(decision));
  }

  stats(): LedgerStats {
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const byKind: Record<string, number> = {};
    for (const row of this.db.prepare('SELECT kind, count(*) AS n FROM signals GROUP BY kind ORDER BY kind').all() as {
      kind: number;
      n: number;
    }[]) {
      byKind[SIGNAL_KINDS[row.kind] ?? `kind-${row.kind}`] = row.n;
    }
    const bySource: Record<string, number> = {};
    const sourceRows = this.db
      .prepare(
        'SELECT src.name AS name, count(*) AS n FROM signals s JOIN sources src ON src.id = s.source GROUP BY s.source ORDER BY src.name',
      )
      .all() as { name: string; n: number }[];
    for (const row of sourceRows) bySource[row.name] = row.n;
    return {
      signals: count('SELECT count(*) FROM signals'),
      persons: count('SELECT count(*) FROM persons'),
      identities: count('SELECT count(*) FROM identities'),
      byKind,
      bySource,
    };
  }

  *exportIdentities(): IterableIterator<IdentityReport> {
    const links = new Map<number, { network: string; key: string; evidence: string }[]>();
    const linkRows = this.db
      .prepare(`SELECT l.a, n.name AS network, b.key, l.evidence FROM identity_links l
                JOIN identities b ON b.id = l.b JOIN networks n ON n.id = b.network ORDER BY l.a, l.b`)
      .all() as { a: number; network: string; key: string; evidence: string }[];
    for (const row of linkRows) links.set(row.a, [...(links.get(row.a) ?? []), row]);
    const rows = this.db
      .prepare(`SELECT i.id, n.name AS network, i.key, i.handle, i.display_name, i.url, i.weak, i.owner, i.following_count, i.followers_count
                FROM identities i JOIN networks n ON n.id = i.network ORDER BY i.id`)
      .iterate() as IterableIterator<{
      id: number;
      network: string;
      key: string;
      handle: string | null;
      display_name: string | null;
      url: string | null;
      weak: number;
      owner: number;
      following_count: number | null;
      followers_count: number | null;
    }>;
    for (const row of rows) {
      const report: IdentityReport = {
        network: row.network,
        id: row.key,
        ...(row.handle === null ? {} : { handle: row.handle }),
        ...(row.display_name === null ? {} : { displayName: row.display_name }),
        ...(row.url === null ? {} : { url: row.url }),
        ...(row.weak === 1 ? { weak: true } : {}),
        ...(row.owner === 1 ? { owner: true } : {}),
        ...(row.following_count === null ? {} : { followingCount: row.following_count }),
        ...(row.followers_count === null ? {} : { followersCount: row.followers_count }),
        ...(links.has(row.id)
          ? {
              links: (links.get(row.id) ?? []).map((link) => ({
                to: { network: link.network, id: link.key },
                evidence: link.evidence as IdentityLinkEvidence,
              })),
            }
          : {}),
      };
      yield report;
    }
  }

  *exportSignals(): IterableIterator<Signal> {
    for (const row of this.statements.exportSignals.iterate()) {
      const signal: Signal = {
        id: row.id,
        network: row.network,
        kind: SIGNAL_KINDS[row.kind] as SignalKind,
        actor: { network: row.actor_network, id: row.actor_key },
        subject: { network: row.subject_network, id: row.subject_key },
        at: new Date(row.at).toISOString(),
        ...(row.raw_at === null ? {} : { rawAt: row.raw_at }),
        source: row.source,
        ...(row.object === null ? {} : { object: JSON.parse(row.object) as SignalObject }),
      };
      yield signal;
    }
  }

  forget(person: PersonId): ForgetResult {
    const row = parsePersonId(person);
    const found = row === undefined ? undefined : this.directory.person(row);
    if (row === undefined || !found) throw new Error(`no person ${person} in the ledger`);
    if (found.role === 'me') throw new Error(`${found.name} (${person}) is the user; handshake cannot forget its own user`);
    const result = this.db.transaction(() => this.forgetRows(row, found))();
    this.identities.invalidate();
    this.directory.invalidate();
    return result;
  }

  pluginState(plugin: string): PluginState {
    const { stateGet, stateSet, stateDelete } = this.statements;
    return {
      get: <T>(key: string) => {
        const value = stateGet.get(plugin, key)?.value;
        return value === undefined ? undefined : (JSON.parse(value) as T);
      },
      set: (key, value) => void stateSet.run(plugin, key, JSON.stringify(value)),
      delete: (key) => void stateDelete.run(plugin, key),
    };
  }

  close(): void {
    if (!this.db.open) return;
    this.rollbackStaged();
    this.endBulkLoad();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.logger.debug({ error: (error as Error).message }, 'checkpoint on close skipped');
    }
    this.db.close();
  }

  /** Inserts a signal unless its id is stored; a key taken by another id moves on to the next key. */
  private insertSignal(signal: Signal, kind: number, actor: number, subject: number, time: number, source: number): boolean {
    const network = this.identities.networkId(signal.network);
    const object = signal.object === undefined ? null : JSON.stringify(signal.object);
    const check = this.keySet ? signalCheck(signal.id) : 0;
    const rawAt = signal.rawAt ?? null;
    for (let key = signalKey(signal.id); ; key++) {
      if (this.keySet) {
        const answer = this.keySet.add(key, check);
        if (answer === 'duplicate') return false;
        if (answer === 'taken') continue;
        this.newRows.add([key, signal.id, kind, network, actor, subject, time, rawAt, source, object]);
        return true;
      }
      const inserted = this.statements.insertSignal.run(key, signal.id, kind, network, actor, subject, time, rawAt, source, object);
      if (inserted.changes === 1) return true;
      if (this.statements.idAtKey.get(key)?.id === signal.id) return false;
    }
  }

  private forgetRows(row: number, person: Person): ForgetResult {
    const db = this.db;
    const ids = (db.prepare('SELECT id FROM identities WHERE person = ?').pluck().all(row) as number[]) ?? [];
    const keys = person.identities;
    const insertForgotten = db.prepare('INSERT OR IGNORE INTO forgotten(digest) VALUES (?)');
    for (const identity of keys) insertForgotten.run(this.identities.digest(identity));
    db.exec('CREATE TEMP TABLE IF NOT EXISTS forget_ids(id INTEGER PRIMARY KEY); DELETE FROM forget_ids;');
    const addId = db.prepare('INSERT INTO forget_ids(id) VALUES (?)');
    for (const id of ids) addId.run(id);
    let signals = db
      .prepare('DELETE FROM signals WHERE actor IN (SELECT id FROM forget_ids) OR subject IN (SELECT id FROM forget_ids)')
      .run().changes;
    signals += this.forgetMentionsInObjects(keys);
    db.prepare('DELETE FROM ties WHERE actor IN (SELECT id FROM forget_ids) OR subject IN (SELECT id FROM forget_ids)').run();
    db.prepare('DELETE FROM topics WHERE identity IN (SELECT id FROM forget_ids)').run();
    db.prepare('DELETE FROM identity_links WHERE a IN (SELECT id FROM forget_ids) OR b IN (SELECT id FROM forget_ids)').run();
    const mentions = [formatPersonId(row), ...keys.map((key) => key.id), ...this.namesOf(ids)];
    let decisions = db.prepare('DELETE FROM decisions WHERE target = ? OR via = ?').run(row, row).changes;
    const like = db.prepare('DELETE FROM decisions WHERE instr(body, ?) > 0');
    const clearCursor = db.prepare('UPDATE sources SET cursor = NULL, cursor_at = NULL WHERE instr(cursor, ?) > 0');
    const clearState = db.prepare('DELETE FROM plugin_state WHERE instr(value, ?) > 0 OR instr(key, ?) > 0');
    for (const text of mentions) {
      if (text.length < 3) continue;
      decisions += like.run(text).changes;
      clearCursor.run(text);
      clearState.run(text, text);
    }
    db.prepare('DELETE FROM identities WHERE person = ?').run(row);
    db.prepare('DELETE FROM persons WHERE id = ?').run(row);
    db.exec('DELETE FROM forget_ids');
    return { person: formatPersonId(row), name: person.name, identities: ids.length, signals, decisions };
  }

  /**
   * Introductions about the person name them in the signal's object; those go too, and the ties
   * they counted in are folded again from the signals that remain.
   */
  private forgetMentionsInObjects(keys: readonly IdentityRef[]): number {
    const about = "object IS NOT NULL AND json_extract(object, '$.about.network') = ? AND json_extract(object, '$.about.id') = ?";
    const pairs = this.db.prepare(`SELECT DISTINCT actor, subject FROM signals WHERE ${about}`);
    const remove = this.db.prepare(`DELETE FROM signals WHERE ${about}`);
    const dropTies = this.db.prepare('DELETE FROM ties WHERE actor = ? AND subject = ?');
    const refold = this.db.prepare(`
      INSERT INTO ties(actor, subject, kind, count, first_at, last_at)
      SELECT actor, subject, kind, count(*), min(at), max(at) FROM signals WHERE actor = ? AND subject = ? GROUP BY kind`);
    let removed = 0;
    for (const key of keys) {
      const affected = pairs.all(key.network, key.id) as { actor: number; subject: number }[];
      removed += remove.run(key.network, key.id).changes;
      for (const { actor, subject } of affected) {
        dropTies.run(actor, subject);
        refold.run(actor, subject);
      }
    }
    return removed;
  }

  private namesOf(identities: readonly number[]): string[] {
    const names = new Set<string>();
    const row = this.db.prepare<[number], { handle: string | null; display_name: string | null }>(
      'SELECT handle, display_name FROM identities WHERE id = ?',
    );
    for (const id of identities) {
      const found = row.get(id);
      if (found?.handle) names.add(found.handle);
      if (found?.display_name) names.add(found.display_name);
    }
    const declared = this.db.prepare<[number], { name: string | null }>(
      'SELECT name FROM persons WHERE id = (SELECT person FROM identities WHERE id = ?)',
    );
    for (const id of identities) {
      const name = declared.get(id)?.name;
      if (name) names.add(name);
    }
    return [...names];
  }

  private sourceId(name: string): number {
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = this.statements.source.get(name)?.id ?? Number(this.statements.insertSource.run(name).lastInsertRowid);
      this.sourceIds.set(name, id);
    }
    return id;
  }

  /** Folds the ties of every signal stored since a bulk load began and rebuilds the read indexes. */
  private finishInterruptedBulkLoad(): void {
    const from = this.setting(BULK_LOAD_FROM);
    ensureIndexes(this.db);
    if (from === undefined) return;
    this.db.transaction(() => {
      this.db
        .prepare(`
          INSERT INTO ties(actor, subject, kind, count, first_at, last_at)
          SELECT actor, subject, kind, count(*), min(at), max(at) FROM signals INDEXED BY signals_pair
          WHERE seq > ? GROUP BY actor, subject, kind
          ON CONFLICT(actor, subject, kind) DO UPDATE SET
            count = count + excluded.count,
            first_at = min(first_at, excluded.first_at),
            last_at = max(last_at, excluded.last_at)`)
        .run(Number(from));
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(BULK_LOAD_FROM);
    })();
  }

  private setting(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }

  private initSalt(): string {
    const salt = randomBytes(32).toString('base64url');
    this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('salt', salt);
    return salt;
  }
}
