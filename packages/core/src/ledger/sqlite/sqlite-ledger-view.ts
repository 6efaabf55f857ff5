import {
  type Audience,
  type LedgerView,
  type Person,
  type PersonId,
  SIGNAL_KINDS,
  type SignalDay,
  type SignalKind,
  type SignalObject,
  type SignalQuery,
  type SignalRecord,
  type SignalTally,
  type TieQuery,
  type TieRecord,
  type TopicCount,
} from '@handshake/sdk';
import type Database from 'better-sqlite3';
import { signalKey } from '../signal-key.js';
import type { PersonDirectory } from './person-directory.js';
import { formatPersonId, parsePersonId } from './person-ids.js';
import type { StatementCache } from './statement-cache.js';

const KIND_INDEX = new Map<string, number>(SIGNAL_KINDS.map((kind, index) => [kind, index]));
/** Kinds that shut someone out: they make no one a mutual connection. */
const EXCLUDED_FROM_MUTUALS = [KIND_INDEX.get('block'), KIND_INDEX.get('mute')] as number[];

interface SignalRow {
  id: string;
  kind: number;
  network: string;
  actor: number;
  subject: number;
  at: number;
  source: string;
  object: string | null;
}

interface TieRow {
  actor: number;
  subject: number;
  kind: number;
  count: number;
  first_at: number;
  last_at: number;
}

const SIGNAL_COLUMNS = `
  SELECT s.id, s.kind, n.name AS network, s.actor, s.subject, s.at, src.name AS source, s.object
  FROM signals s JOIN networks n ON n.id = s.network JOIN sources src ON src.id = s.source`;

function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}

/**
 * The ledger as rules read it, for one evaluation round. It caches what it reads (a person's
 * identities, everyone's neighbours of the user), so a round over many targets stays fast; take a
 * new view for the next round. Every list has a stable order, so verdicts are deterministic.
 */
export class SqliteLedgerView implements LedgerView {
  private readonly identityRows = new Map<PersonId, number[]>();
  private readonly personOfIdentity = new Map<number, PersonId>();
  private readonly neighbourCache = new Map<PersonId, Map<PersonId, number>>();

  constructor(
    private readonly statements: StatementCache,
    private readonly directory: PersonDirectory,
  ) {}

  me(): Person {
    const me = this.directory.me();
    if (!me) throw new Error('the ledger has no "me"');
    return me;
  }

  person(id: PersonId): Person | undefined {
    const row = parsePersonId(id);
    return row === undefined ? undefined : this.directory.person(row);
  }

  signal(id: string): SignalRecord | undefined {
    // Keys are probed upwards from the id's hash when ids collide; a few slots always suffice.
    const key = signalKey(id);
    const row = this.statement(`${SIGNAL_COLUMNS} WHERE s.key >= ? AND s.key < ? AND s.id = ? LIMIT 1`).get(key, key + 16, id) as
      | SignalRow
      | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  signalsFrom(actor: PersonId, subject: PersonId, query: SignalQuery = {}): readonly SignalRecord[] {
    const actors = this.identitiesOf(actor);
    const subjects = this.identitiesOf(subject);
    if (actors.length === 0 || subjects.length === 0) return [];
    return this.signals(
      `s.actor IN (${placeholders(actors.length)}) AND s.subject IN (${placeholders(subjects.length)})`,
      [...actors, ...subjects],
      query,
    );
  }

  countFrom(actor: PersonId, subject: PersonId, query: SignalQuery = {}): readonly SignalTally[] {
    const rows = this.aggregateFrom(actor, subject, query, 's.kind', 'count(*) AS count, min(s.at) AS first_at, max(s.at) AS last_at') as {
      kind: number;
      count: number;
      first_at: number;
      last_at: number;
    }[];
    return rows.map((row) => ({
      kind: SIGNAL_KINDS[row.kind] as SignalKind,
      count: row.count,
      firstAt: row.first_at,
      lastAt: row.last_at,
    }));
  }

  daysFrom(actor: PersonId, subject: PersonId, query: SignalQuery = {}): readonly SignalDay[] {
    const rows = this.aggregateFrom(actor, subject, query, 's.kind, s.at / 86400000', 's.at / 86400000 AS day, count(*) AS count') as {
      kind: number;
      day: number;
      count: number;
    }[];
    return rows.map((row) => ({ kind: SIGNAL_KINDS[row.kind] as SignalKind, day: row.day * 86_400_000, count: row.count }));
  }

  /** An aggregate over the pair index alone: it covers (actor, subject, kind, at), so no row is read. */
  private aggregateFrom(actor: PersonId, subject: PersonId, query: SignalQuery, groupBy: string, columns: string): unknown[] {
    const actors = this.identitiesOf(actor);
    const subjects = this.identitiesOf(subject);
    if (actors.length === 0 || subjects.length === 0) return [];
    const { clause, params: kindParams } = kindClause(query.kinds, 's.kind');
    const bounds = `${query.since === undefined ? '' : ' AND s.at >= ?'}${query.until === undefined ? '' : ' AND s.at < ?'}`;
    const values: unknown[] = [...actors, ...subjects, ...kindParams];
    if (query.since !== undefined) values.push(query.since);
    if (query.until !== undefined) values.push(query.until);
    return this.statement(`
      SELECT s.kind, ${columns} FROM signals s INDEXED BY signals_pair
      WHERE s.actor IN (${placeholders(actors.length)}) AND s.subject IN (${placeholders(subjects.length)})${clause}${bounds}
      GROUP BY ${groupBy} ORDER BY ${groupBy}`).all(...values);
  }

  signalsBy(actor: PersonId, query: SignalQuery = {}): readonly SignalRecord[] {
    const actors = this.identitiesOf(actor);
    if (actors.length === 0) return [];
    const list = placeholders(actors.length);
    if (!query.kinds || query.kinds.length === 0) return this.signals(`s.actor IN (${list})`, actors, query);
    // The ties say which subjects the actor reached with these kinds; the pair index then finds
    // just those signals instead of every signal of a busy actor.
    const kinds = query.kinds.map((kind) => KIND_INDEX.get(kind) as number);
    return this.signals(
      `s.actor IN (${list}) AND s.subject IN (SELECT subject FROM ties WHERE actor IN (${list}) AND kind IN (${placeholders(kinds.length)}))`,
      [...actors, ...actors, ...kinds],
      query,
    );
  }

  signalsAbout(subject: PersonId, query: SignalQuery = {}): readonly SignalRecord[] {
    const subjects = this.identitiesOf(subject);
    if (subjects.length === 0) return [];
    const list = placeholders(subjects.length);
    // Signals have no index by subject; the ties say which actors to look up by the pair index.
    return this.signals(
      `s.actor IN (SELECT actor FROM ties WHERE subject IN (${list})) AND s.subject IN (${list})`,
      [...subjects, ...subjects],
      query,
    );
  }

  tiesFrom(actor: PersonId, subject: PersonId, query: TieQuery = {}): readonly TieRecord[] {
    const actors = this.identitiesOf(actor);
    const subjects = this.identitiesOf(subject);
    if (actors.length === 0 || subjects.length === 0) return [];
    const { clause, params } = kindClause(query.kinds, 't.kind');
    const rows = this.statement(`
      SELECT t.kind, sum(t.count) AS count, min(t.first_at) AS first_at, max(t.last_at) AS last_at FROM ties t
      WHERE t.actor IN (${placeholders(actors.length)}) AND t.subject IN (${placeholders(subjects.length)})${clause}
      GROUP BY t.kind ORDER BY t.kind`).all(...actors, ...subjects, ...params) as Omit<TieRow, 'actor' | 'subject'>[];
    return rows.map((row) => ({
      actor,
      subject,
      kind: SIGNAL_KINDS[row.kind] as SignalKind,
      count: row.count,
      firstAt: row.first_at,
      lastAt: row.last_at,
    }));
  }

  ties(person: PersonId, direction: 'out' | 'in', query: TieQuery = {}): readonly TieRecord[] {
    const own = this.identitiesOf(person);
    if (own.length === 0) return [];
    const { clause, params } = kindClause(query.kinds, 't.kind');
    const [mine, theirs] = direction === 'out' ? ['actor', 'subject'] : ['subject', 'actor'];
    const rows = this.statement(`
      SELECT i.person AS other, t.kind, sum(t.count) AS count, min(t.first_at) AS first_at, max(t.last_at) AS last_at
      FROM ties t JOIN identities i ON i.id = t.${theirs}
      WHERE t.${mine} IN (${placeholders(own.length)})${clause}
      GROUP BY i.person, t.kind ORDER BY count DESC, i.person, t.kind`).all(...own, ...params) as {
      other: number;
      kind: number;
      count: number;
      first_at: number;
      last_at: number;
    }[];
    return rows.map((row) => {
      const other = formatPersonId(row.other);
      return {
        actor: direction === 'out' ? person : other,
        subject: direction === 'out' ? other : person,
        kind: SIGNAL_KINDS[row.kind] as SignalKind,
        count: row.count,
        firstAt: row.first_at,
        lastAt: row.last_at,
      };
    });
  }

  topics(person: PersonId, limit = 20): readonly TopicCount[] {
    const own = this.identitiesOf(person);
    if (own.length === 0) return [];
    const rows = this.statement(`
      SELECT topic, sum(count) AS count, max(last_at) AS last_at FROM topics
      WHERE identity IN (${placeholders(own.length)}) GROUP BY topic ORDER BY count DESC, topic LIMIT ?`).all(...own, limit) as {
      topic: string;
      count: number;
      last_at: number;
    }[];
    return rows.map((row) => ({ topic: row.topic, count: row.count, lastAt: row.last_at }));
  }

  audience(person: PersonId): Audience {
    const own = this.identitiesOf(person);
    if (own.length === 0) return { following: 0, followers: 0 };
    const list = placeholders(own.length);
    const reported = this.statement(
      `SELECT max(following_count) AS following, max(followers_count) AS followers FROM identities WHERE id IN (${list})`,
    ).get(...own) as { following: number | null; followers: number | null };
    const follow = KIND_INDEX.get('follow') as number;
    const following =
      reported.following ??
      (this.statement(`SELECT count(DISTINCT subject) FROM ties WHERE actor IN (${list}) AND kind = ?`)
        .pluck()
        .get(...own, follow) as number);
    const followers =
      reported.followers ??
      (this.statement(`SELECT count(DISTINCT actor) FROM ties WHERE subject IN (${list}) AND kind = ?`)
        .pluck()
        .get(...own, follow) as number);
    return { following, followers };
  }

  mutuals(a: PersonId, b: PersonId, limit = 10): readonly PersonId[] {
    const nearA = this.neighbours(a);
    const nearB = this.neighbours(b);
    const [smaller, larger] = nearA.size <= nearB.size ? [nearA, nearB] : [nearB, nearA];
    const shared: { person: PersonId; strength: number }[] = [];
    for (const [person, weight] of smaller) {
      if (person === a || person === b) continue;
      const other = larger.get(person);
      if (other !== undefined) shared.push({ person, strength: Math.min(weight, other) });
    }
    shared.sort((x, y) => y.strength - x.strength || (parsePersonId(x.person) as number) - (parsePersonId(y.person) as number));
    return shared.slice(0, limit).map((entry) => entry.person);
  }

  /** Everyone tied to a person in either direction, with how many signals tie them. */
  private neighbours(person: PersonId): Map<PersonId, number> {
    const cached = this.neighbourCache.get(person);
    if (cached) return cached;
    const weights = new Map<PersonId, number>();
    const own = this.identitiesOf(person);
    if (own.length > 0) {
      const list = placeholders(own.length);
      const excluded = placeholders(EXCLUDED_FROM_MUTUALS.length);
      const rows = this.statement(`
        SELECT i.person AS other, sum(t.count) AS count FROM ties t JOIN identities i ON i.id = t.subject
        WHERE t.actor IN (${list}) AND t.kind NOT IN (${excluded}) GROUP BY i.person
        UNION ALL
        SELECT i.person AS other, sum(t.count) AS count FROM ties t JOIN identities i ON i.id = t.actor
        WHERE t.subject IN (${list}) AND t.kind NOT IN (${excluded}) GROUP BY i.person`).all(
        ...own,
        ...EXCLUDED_FROM_MUTUALS,
        ...own,
        ...EXCLUDED_FROM_MUTUALS,
      ) as { other: number; count: number }[];
      for (const row of rows) {
        const other = formatPersonId(row.other);
        weights.set(other, (weights.get(other) ?? 0) + row.count);
      }
    }
    this.neighbourCache.set(person, weights);
    return weights;
  }

  private signals(where: string, params: readonly unknown[], query: SignalQuery): SignalRecord[] {
    const { clause, params: kindParams } = kindClause(query.kinds, 's.kind');
    const bounds = `${query.since === undefined ? '' : ' AND s.at >= ?'}${query.until === undefined ? '' : ' AND s.at < ?'}`;
    const filter = `${where}${clause}${bounds}`;
    // With a limit, the newest rows are picked from the index alone and only they are read whole:
    // a busy pair may hold thousands of signals.
    const sql =
      query.limit === undefined
        ? `${SIGNAL_COLUMNS} WHERE ${filter} ORDER BY s.at DESC, s.seq DESC`
        : `${SIGNAL_COLUMNS} WHERE s.seq IN (SELECT s.seq FROM signals s WHERE ${filter} ORDER BY s.at DESC, s.seq DESC LIMIT ?) ORDER BY s.at DESC, s.seq DESC`;
    const values: unknown[] = [...params, ...kindParams];
    if (query.since !== undefined) values.push(query.since);
    if (query.until !== undefined) values.push(query.until);
    if (query.limit !== undefined) values.push(query.limit);
    return (this.statement(sql).all(...values) as SignalRow[]).map((row) => this.toRecord(row));
  }

  private toRecord(row: SignalRow): SignalRecord {
    const record: SignalRecord = {
      id: row.id,
      network: row.network,
      kind: SIGNAL_KINDS[row.kind] as SignalKind,
      actor: this.personOf(row.actor),
      subject: this.personOf(row.subject),
      at: row.at,
      source: row.source,
      ...(row.object === null ? {} : { object: JSON.parse(row.object) as SignalObject }),
    };
    return record;
  }

  private identitiesOf(person: PersonId): number[] {
    let rows = this.identityRows.get(person);
    if (!rows) {
      const row = parsePersonId(person);
      rows =
        row === undefined ? [] : (this.statement('SELECT id FROM identities WHERE person = ? ORDER BY id').pluck().all(row) as number[]);
      this.identityRows.set(person, rows);
      for (const identity of rows) this.personOfIdentity.set(identity, person);
    }
    return rows;
  }

  private personOf(identity: number): PersonId {
    let person = this.personOfIdentity.get(identity);
    if (person === undefined) {
      const row = this.statement('SELECT person FROM identities WHERE id = ?').pluck().get(identity) as number | undefined;
      person = row === undefined ? `p_0` : formatPersonId(row);
      this.personOfIdentity.set(identity, person);
    }
    return person;
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql);
  }
}

function kindClause(kinds: readonly SignalKind[] | undefined, column: string): { clause: string; params: number[] } {
  if (!kinds || kinds.length === 0) return { clause: '', params: [] };
  return { clause: ` AND ${column} IN (${placeholders(kinds.length)})`, params: kinds.map((kind) => KIND_INDEX.get(kind) as number) };
}
