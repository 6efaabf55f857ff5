import type Database from 'better-sqlite3';

/** The columns of a `signals` row, in insert order. */
const COLUMNS = ['key', 'id', 'kind', 'network', 'actor', 'subject', 'at', 'raw_at', 'source', 'object'] as const;
/** Rows per statement: the per-call cost of a statement is paid once for this many rows. */
const ROWS_PER_INSERT = 64;

export type SignalRowValues = [
  key: number,
  id: string,
  kind: number,
  network: number,
  actor: number,
  subject: number,
  at: number,
  rawAt: string | null,
  source: number,
  object: string | null,
];

/**
 * Signals whose keys are known to be new (the bulk load's key set said so), inserted many rows per
 * statement. Rows go in the order they were added, so `seq` follows the source's order.
 */
export class SignalRowBuffer {
  private readonly params: unknown[] = [];
  private rows = 0;
  private readonly insertMany: Database.Statement;
  private readonly insertOne: Database.Statement;

  constructor(db: Database.Database) {
    const row = `(${COLUMNS.map(() => '?').join(', ')})`;
    const insert = `INSERT INTO signals(${COLUMNS.join(', ')}) VALUES `;
    this.insertMany = db.prepare(insert + Array.from({ length: ROWS_PER_INSERT }, () => row).join(', '));
    this.insertOne = db.prepare(insert + row);
  }

  add(values: SignalRowValues): void {
    for (const value of values) this.params.push(value);
    if (++this.rows === ROWS_PER_INSERT) this.flush();
  }

  /** Inserts every buffered row; called before anything reads the table or commits. */
  flush(): void {
    if (this.rows === ROWS_PER_INSERT) this.insertMany.run(this.params);
    else
      for (let offset = 0; offset < this.params.length; offset += COLUMNS.length)
        this.insertOne.run(this.params.slice(offset, offset + COLUMNS.length));
    this.params.length = 0;
    this.rows = 0;
  }

  /** Forgets buffered rows, for a rolled-back transaction. */
  clear(): void {
    this.params.length = 0;
    this.rows = 0;
  }
}
