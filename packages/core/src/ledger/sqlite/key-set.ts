/** What adding a signal's key to the set found. */
export type KeySetAnswer = 'added' | 'duplicate' | 'taken';

const EMPTY = 0;
/** Linear probing stays short up to three quarters full. */
const MAX_LOAD = 0.75;
/** Keys are spread over this many tables that grow one at a time. */
const PARTITIONS = 64;
const TWO_TO_32 = 4294967296;
/** A Float64 key and an Int32 check. */
const BYTES_PER_SLOT = 12;

/**
 * The set of signal keys stored during a bulk load, kept in memory so the dedupe index can be
 * built once at the end instead of on every insert. Open addressing over typed arrays: 12 bytes a
 * slot, at most three quarters of the slots used. Keys are spread over many small tables, so
 * growing one briefly holds 1/64 of the set twice, not the whole set. Each key carries a second,
 * independent hash of the id, which tells a duplicate (same id) from a different id whose key
 * happens to be equal.
 */
export class KeySet {
  private readonly tables: Table[];
  private count = 0;

  /** A set with room for about `expected` keys before any table grows. */
  constructor(expected = 0) {
    const capacity = tableCapacity(expected);
    this.tables = Array.from({ length: PARTITIONS }, () => new Table(capacity));
  }

  /** The bytes a set made for `expected` keys holds from the start. */
  static bytesFor(expected: number): number {
    return tableCapacity(expected) * PARTITIONS * BYTES_PER_SLOT;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held, to decide when the set is too large to keep. */
  get bytes(): number {
    return this.tables.reduce((total, table) => total + table.bytes, 0);
  }

  add(key: number, check: number): KeySetAnswer {
    const hash = spread(key);
    const answer = (this.tables[hash % PARTITIONS] as Table).add(key + 1, check);
    if (answer === 'added') this.count++;
    return answer;
  }
}

function tableCapacity(expected: number): number {
  let capacity = 256;
  while (capacity * MAX_LOAD * PARTITIONS < expected) capacity *= 2;
  return capacity;
}

/** Both halves of a 53-bit key mixed into 32 bits: the low bits pick the table, the rest the slot. */
function spread(key: number): number {
  return ((key % TWO_TO_32) ^ Math.imul(Math.floor(key / TWO_TO_32), 0x9e3779b1)) >>> 0;
}

/** One open-addressing table; keys are stored plus one, so zero marks an empty slot. */
class Table {
  private keys: Float64Array;
  private checks: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.checks = new Int32Array(capacity);
  }

  get bytes(): number {
    return this.keys.byteLength + this.checks.byteLength;
  }

  add(stored: number, check: number): KeySetAnswer {
    if (this.count + 1 > this.keys.length * MAX_LOAD) this.grow();
    const slot = this.find(stored);
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = stored;
      this.checks[slot] = check;
      this.count++;
      return 'added';
    }
    return this.checks[slot] === check ? 'duplicate' : 'taken';
  }

  private find(stored: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.floor(spread(stored - 1) / PARTITIONS) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== stored) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const checks = this.checks;
    this.keys = new Float64Array(keys.length * 2);
    this.checks = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const stored = keys[i] as number;
      if (stored === EMPTY) continue;
      const slot = this.find(stored);
      this.keys[slot] = stored;
      this.checks[slot] = checks[i] as number;
    }
  }
}
