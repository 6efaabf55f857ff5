import type Database from 'better-sqlite3';

/**
 * Versioned schema changes, applied in order; the database's `user_version` records how many
 * ran. Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE networks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        cursor TEXT,
        cursor_at INTEGER
      );
      -- name is the name the config declares; otherwise a person's name comes from their identities.
      CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT,
        role TEXT NOT NULL DEFAULT 'other' CHECK (role IN ('me', 'target', 'other'))
      );
      CREATE TABLE identities (
        id INTEGER PRIMARY KEY,
        network INTEGER NOT NULL REFERENCES networks(id),
        key TEXT NOT NULL,
        person INTEGER NOT NULL REFERENCES persons(id),
        handle TEXT,
        display_name TEXT,
        url TEXT,
        weak INTEGER NOT NULL DEFAULT 0,
        owner INTEGER NOT NULL DEFAULT 0,
        following_count INTEGER,
        followers_count INTEGER,
        UNIQUE (network, key)
      );
      CREATE INDEX identities_person ON identities(person);
      CREATE TABLE identity_links (
        a INTEGER NOT NULL REFERENCES identities(id),
        b INTEGER NOT NULL REFERENCES identities(id),
        evidence TEXT NOT NULL,
        PRIMARY KEY (a, b)
      ) WITHOUT ROWID;
      -- key: a 53-bit hash of the signal id, unique (signals_key below); a colliding id takes the
      -- next free key. Compact keys keep the dedupe index small, which keeps batched inserts fast.
      CREATE TABLE signals (
        seq INTEGER PRIMARY KEY,
        key INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind INTEGER NOT NULL,
        network INTEGER NOT NULL,
        actor INTEGER NOT NULL,
        subject INTEGER NOT NULL,
        at INTEGER NOT NULL,
        raw_at TEXT,
        source INTEGER NOT NULL,
        object TEXT
      );
      -- signals_key, signals_pair and ties_subject are created below: a bulk load drops and rebuilds them.
      -- Every signal of one kind from one identity to another, folded per batch.
      CREATE TABLE ties (
        actor INTEGER NOT NULL,
        subject INTEGER NOT NULL,
        kind INTEGER NOT NULL,
        count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (actor, subject, kind)
      ) WITHOUT ROWID;
      CREATE TABLE topics (
        identity INTEGER NOT NULL,
        topic TEXT NOT NULL,
        count INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (identity, topic)
      ) WITHOUT ROWID;
      CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY,
        target INTEGER NOT NULL,
        via INTEGER,
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        readiness REAL NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX decisions_target ON decisions(target, seq);
      CREATE TABLE plugin_state (
        plugin TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (plugin, key)
      ) WITHOUT ROWID;
      -- Salted digests of forgotten identities, so a re-import does not bring them back.
      CREATE TABLE forgotten (
        digest TEXT PRIMARY KEY
      ) WITHOUT ROWID;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `),
];

/** The dedupe index: a signal id is stored once. A bulk load into an empty ledger defers it. */
const KEY_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS signals_key ON signals(key)';

/**
 * Indexes that only reads need. Maintaining them costs more than half of an insert, so a large
 * import drops them and builds them once at the end; opening the ledger rebuilds any a crash left out.
 */
const READ_INDEXES: readonly string[] = [
  // kind before at: rebuilding ties after a bulk load then reads this index in order, without a sort.
  'CREATE INDEX IF NOT EXISTS signals_pair ON signals(actor, subject, kind, at)',
  'CREATE INDEX IF NOT EXISTS ties_subject ON ties(subject, actor)',
];

export function dropReadIndexes(db: Database.Database): void {
  db.exec('DROP INDEX IF EXISTS signals_pair; DROP INDEX IF EXISTS ties_subject;');
}

export function dropKeyIndex(db: Database.Database): void {
  db.exec('DROP INDEX IF EXISTS signals_key');
}

export function ensureKeyIndex(db: Database.Database): void {
  db.exec(KEY_INDEX);
}

/** Creates whichever indexes are missing. */
export function ensureIndexes(db: Database.Database): void {
  db.exec(KEY_INDEX);
  for (const sql of READ_INDEXES) db.exec(sql);
}

/** Brings the schema up to date, each migration in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the ledger's schema is version ${current}, newer than this handshake knows (${MIGRATIONS.length}); upgrade handshake`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      (MIGRATIONS[version] as (db: Database.Database) => void)(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
