import type { IdentityRef, Person, PersonRole } from '@handshake/sdk';
import type Database from 'better-sqlite3';
import { formatPersonId, parsePersonId } from './person-ids.js';

interface IdentityRow {
  id: number;
  person: number;
  network: string;
  key: string;
  handle: string | null;
  display_name: string | null;
  weak: number;
}

/**
 * Reads persons with their identities and display names. A person's name is the one the config
 * declares, else the display name of their strongest identity, else a handle, else an id.
 */
export class PersonDirectory {
  private readonly cache = new Map<number, Person | null>();
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      person: db.prepare<[number], { id: number; name: string | null; role: PersonRole }>(
        'SELECT id, name, role FROM persons WHERE id = ?',
      ),
      identities: db.prepare<[number], IdentityRow>(`
        SELECT i.id, i.person, n.name AS network, i.key, i.handle, i.display_name, i.weak
        FROM identities i JOIN networks n ON n.id = i.network WHERE i.person = ? ORDER BY i.weak, i.id`),
      withRole: db.prepare<[PersonRole], { id: number }>('SELECT id FROM persons WHERE role = ? ORDER BY id'),
      byName: db.prepare<[string], { id: number }>('SELECT id FROM persons WHERE lower(name) = lower(?) ORDER BY id'),
      byIdentityName: db.prepare<[string, string, string], { person: number }>(`
        SELECT DISTINCT person FROM identities
        WHERE lower(display_name) = lower(?) OR lower(handle) = lower(?) OR lower(handle) = lower(?) ORDER BY person`),
      byKey: db.prepare<[string, string], { person: number }>(`
        SELECT i.person FROM identities i JOIN networks n ON n.id = i.network WHERE n.name = ? AND i.key = ?`),
    };
  }

  person(row: number): Person | undefined {
    const cached = this.cache.get(row);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.statements.person.get(row);
    if (!found) {
      this.cache.set(row, null);
      return undefined;
    }
    const identities = this.statements.identities.all(row);
    const person: Person = {
      id: formatPersonId(row),
      name: found.name ?? displayName(identities),
      role: found.role,
      identities: identities.map((identity): IdentityRef => ({ network: identity.network, id: identity.key })),
    };
    this.cache.set(row, person);
    return person;
  }

  me(): Person | undefined {
    const row = this.statements.withRole.get('me');
    return row ? this.person(row.id) : undefined;
  }

  withRole(role: PersonRole): Person[] {
    return this.statements.withRole.all(role).map((row) => this.person(row.id) as Person);
  }

  find(query: string): Person[] {
    const text = query.trim();
    const row = parsePersonId(text);
    if (row !== undefined) {
      const person = this.person(row);
      return person ? [person] : [];
    }
    const rows = new Set<number>(this.statements.byName.all(text).map((found) => found.id));
    if (rows.size === 0) {
      const separator = text.indexOf(':');
      if (separator > 0)
        for (const found of this.statements.byKey.all(text.slice(0, separator), text.slice(separator + 1))) rows.add(found.person);
    }
    if (rows.size === 0) {
      const handle = text.replace(/^@/, '');
      for (const found of this.statements.byIdentityName.all(text, handle, `@${handle}`)) rows.add(found.person);
    }
    return [...rows].map((id) => this.person(id)).filter((person): person is Person => person !== undefined);
  }

  invalidate(): void {
    this.cache.clear();
  }
}

function displayName(identities: readonly IdentityRow[]): string {
  for (const identity of identities) if (identity.display_name) return identity.display_name;
  for (const identity of identities) if (identity.handle) return identity.handle.startsWith('@') ? identity.handle : `@${identity.handle}`;
  const first = identities[0];
  return first ? `${first.network}:${first.key}` : 'unknown';
}
