import { createHmac } from 'node:crypto';
import { type IdentityRef, type IdentityReport, type Logger, OWNER_ID, type PersonRole } from '@handshake/sdk';
import type Database from 'better-sqlite3';
import type { PersonConfig } from '../../config/pipeline-config.js';

const ROLE_RANK: Readonly<Record<PersonRole, number>> = { me: 2, target: 1, other: 0 };

/**
 * Identities and the persons they belong to. Keeps `network:id` → row in memory so the ingest
 * path resolves an identity without a query; only a new identity costs an insert. Persons merge
 * only here, and only on the strong evidence DESIGN.md lists.
 */
export class IdentityStore {
  /** network → platform id → identity row. Nested maps spare building a key string per lookup. */
  private readonly identityCache = new Map<string, Map<string, number>>();
  private readonly personCache = new Map<number, number>();
  private readonly networkIds = new Map<string, number>();
  private readonly networkNames = new Map<number, string>();
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly salt: string,
    private readonly logger: Logger,
  ) {
    this.statements = {
      network: db.prepare<[string], { id: number }>('SELECT id FROM networks WHERE name = ?'),
      insertNetwork: db.prepare('INSERT INTO networks(name) VALUES (?)'),
      networks: db.prepare<[], { id: number; name: string }>('SELECT id, name FROM networks'),
      identity: db.prepare<[number, string], { id: number; person: number }>(
        'SELECT id, person FROM identities WHERE network = ? AND key = ?',
      ),
      insertPerson: db.prepare('INSERT INTO persons(name, role) VALUES (NULL, ?)'),
      insertIdentity: db.prepare('INSERT INTO identities(network, key, person, owner) VALUES (?, ?, ?, ?)'),
      personOf: db.prepare<[number], { person: number }>('SELECT person FROM identities WHERE id = ?'),
      forgotten: db.prepare<[string], { digest: string }>('SELECT digest FROM forgotten WHERE digest = ?'),
      unforget: db.prepare('DELETE FROM forgotten WHERE digest = ?'),
      report: db.prepare(`
        UPDATE identities SET
          handle = coalesce(@handle, handle),
          display_name = coalesce(@displayName, display_name),
          url = coalesce(@url, url),
          weak = max(weak, @weak),
          owner = max(owner, @owner),
          following_count = coalesce(@followingCount, following_count),
          followers_count = coalesce(@followersCount, followers_count)
        WHERE id = @id`),
      weak: db.prepare<[number], { weak: number }>('SELECT weak FROM identities WHERE id = ?'),
      insertLink: db.prepare('INSERT OR IGNORE INTO identity_links(a, b, evidence) VALUES (?, ?, ?)'),
      role: db.prepare<[number], { role: PersonRole; name: string | null }>('SELECT role, name FROM persons WHERE id = ?'),
      moveIdentities: db.prepare('UPDATE identities SET person = ? WHERE person = ?'),
      moveTargets: db.prepare('UPDATE decisions SET target = ? WHERE target = ?'),
      moveVia: db.prepare('UPDATE decisions SET via = ? WHERE via = ?'),
      setName: db.prepare('UPDATE persons SET name = ? WHERE id = ? AND name IS NULL'),
      deletePerson: db.prepare('DELETE FROM persons WHERE id = ?'),
      me: db.prepare<[], { id: number }>("SELECT id FROM persons WHERE role = 'me'"),
      owners: db.prepare<[string], { person: number }>('SELECT DISTINCT person FROM identities WHERE owner = 1 OR key = ?'),
      resetRoles: db.prepare("UPDATE persons SET role = 'other', name = NULL WHERE role <> 'other'"),
      declare: db.prepare('UPDATE persons SET role = ?, name = ? WHERE id = ?'),
    };
  }

  networkId(name: string): number {
    let id = this.networkIds.get(name);
    if (id === undefined) {
      id = this.statements.network.get(name)?.id ?? Number(this.statements.insertNetwork.run(name).lastInsertRowid);
      this.networkIds.set(name, id);
      this.networkNames.set(id, name);
    }
    return id;
  }

  networkName(id: number): string {
    if (!this.networkNames.has(id)) for (const row of this.statements.networks.all()) this.networkNames.set(row.id, row.name);
    return this.networkNames.get(id) ?? `network-${id}`;
  }

  /** The identity's row, created with a person of its own if new; undefined when it was forgotten. */
  resolve(ref: IdentityRef, force = false): number | undefined {
    let byId = this.identityCache.get(ref.network);
    if (byId === undefined) {
      byId = new Map();
      this.identityCache.set(ref.network, byId);
    }
    const cached = byId.get(ref.id);
    if (cached !== undefined) return cached;
    const network = this.networkId(ref.network);
    const existing = this.statements.identity.get(network, ref.id);
    if (existing) {
      byId.set(ref.id, existing.id);
      this.personCache.set(existing.id, existing.person);
      return existing.id;
    }
    const digest = this.digest(ref);
    if (this.statements.forgotten.get(digest)) {
      if (!force) return undefined;
      this.statements.unforget.run(digest);
    }
    const isOwner = ref.id === OWNER_ID;
    const me = isOwner ? this.statements.me.get()?.id : undefined;
    const person = me ?? Number(this.statements.insertPerson.run('other').lastInsertRowid);
    const id = Number(this.statements.insertIdentity.run(network, ref.id, person, isOwner ? 1 : 0).lastInsertRowid);
    byId.set(ref.id, id);
    this.personCache.set(id, person);
    return id;
  }

  /** Whether the user asked handshake to forget this identity. */
  isForgotten(ref: IdentityRef): boolean {
    if (this.identityCache.get(ref.network)?.has(ref.id)) return false;
    return this.statements.forgotten.get(this.digest(ref)) !== undefined;
  }

  personOf(identity: number): number {
    let person = this.personCache.get(identity);
    if (person === undefined) {
      person = this.statements.personOf.get(identity)?.person;
      if (person === undefined) throw new Error(`identity ${identity} is not in the ledger`);
      this.personCache.set(identity, person);
    }
    return person;
  }

  /** Applies what a source reported: attributes, ownership, and verified links that merge persons. */
  report(report: IdentityReport): void {
    const id = this.resolve(report);
    if (id === undefined) return;
    this.statements.report.run({
      id,
      handle: report.handle ?? null,
      displayName: report.displayName ?? null,
      url: report.url ?? null,
      weak: report.weak ? 1 : 0,
      owner: report.owner ? 1 : 0,
      followingCount: report.followingCount ?? null,
      followersCount: report.followersCount ?? null,
    });
    if (report.owner) {
      const me = this.statements.me.get()?.id;
      if (me !== undefined) this.mergePersons(me, this.personOf(id), 'owner of an export');
    }
    for (const link of report.links ?? []) {
      if (link.evidence === 'declared') continue; // only the config declares
      const other = this.resolve(link.to);
      if (other === undefined || other === id) continue;
      if (this.isWeak(id) || this.isWeak(other)) {
        this.logger.debug({ from: report, to: link.to }, 'link between weak identities ignored');
        continue;
      }
      this.statements.insertLink.run(Math.min(id, other), Math.max(id, other), link.evidence);
      this.mergePersons(this.personOf(id), this.personOf(other), link.evidence);
    }
  }

  /**
   * Makes the config's persons: roles are re-derived from the config on every run, each declared
   * person's identities merged into one person, and the exports' owners merged into `me`.
   */
  declare(me: PersonConfig, targets: readonly PersonConfig[]): void {
    this.statements.resetRoles.run();
    const mePerson = this.declareOne(me, 'me');
    for (const { person } of this.statements.owners.all(OWNER_ID)) this.mergePersons(mePerson, person, 'owner of an export');
    for (const target of targets) this.declareOne(target, 'target');
  }

  /** Drops every cached row: after a forget or a rollback, rows may be gone. */
  invalidate(): void {
    this.identityCache.clear();
    this.personCache.clear();
    this.networkIds.clear();
    this.networkNames.clear();
  }

  /** A salted digest of an identity, kept for forgotten ones: it names nobody, yet blocks a re-import. */
  digest(ref: IdentityRef): string {
    return createHmac('sha256', this.salt).update(`${ref.network}\u0000${ref.id}`).digest('base64url');
  }

  private declareOne(config: PersonConfig, role: PersonRole): number {
    const identities: number[] = [];
    for (const [network, ids] of Object.entries(config.identities)) {
      for (const id of ids) identities.push(this.resolve({ network, id }, true) as number);
    }
    const persons = [...new Set(identities.map((identity) => this.personOf(identity)))].sort((a, b) => a - b);
    const keep = persons[0] as number;
    for (const other of persons.slice(1)) this.mergePersons(keep, other, 'declared');
    this.statements.declare.run(role, config.name, keep);
    return keep;
  }

  private isWeak(identity: number): boolean {
    return (this.statements.weak.get(identity)?.weak ?? 0) === 1;
  }

  /** Merges `drop` into `keep`; refuses to merge two persons the config declares as different people. */
  private mergePersons(a: number, b: number, evidence: string): boolean {
    if (a === b) return true;
    const roleA = this.statements.role.get(a);
    const roleB = this.statements.role.get(b);
    if (!roleA || !roleB) return false;
    if (roleA.role !== 'other' && roleB.role !== 'other') {
      this.logger.warn({ persons: [a, b], evidence }, 'two declared persons share evidence; not merged');
      return false;
    }
    const [keep, drop] =
      ROLE_RANK[roleA.role] > ROLE_RANK[roleB.role] || (ROLE_RANK[roleA.role] === ROLE_RANK[roleB.role] && a < b) ? [a, b] : [b, a];
    const dropName = (keep === a ? roleB : roleA).name;
    this.statements.moveIdentities.run(keep, drop);
    this.statements.moveTargets.run(keep, drop);
    this.statements.moveVia.run(keep, drop);
    if (dropName !== null) this.statements.setName.run(dropName, keep);
    this.statements.deletePerson.run(drop);
    for (const [identity, person] of this.personCache) if (person === drop) this.personCache.set(identity, keep);
    return true;
  }
}
