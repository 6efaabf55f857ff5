/** What adding a signal's key to the set found. */
export type KeySetAnswer = 'added' | 'duplicate' | 'taken';

const EMPTY = 0;

/**
 * The set of signal keys stored during a bulk load into an empty ledger, kept in memory so the
 * dedupe index can be built once at the end instead of on every insert. Open addressing over
 * typed arrays: 12 bytes a slot, two slots a key. Each key carries a second, independent hash of
 * the id, which tells a duplicate (same id) from a different id whose key happens to be equal.
 */
export class KeySet {
  private keys: Float64Array;
  private checks: Int32Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.checks = new Int32Array(capacity);
  }

  /** A set with room for `count` keys without growing (growing briefly holds both tables). */
  static sizedFor(count: number): KeySet {
    let capacity = 1 << 16;
    while (capacity < count * 2 + 2) capacity *= 2;
    return new KeySet(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held, to decide when the set is too large to keep. */
  get bytes(): number {
    return this.keys.byteLength + this.checks.byteLength;
  }

  add(key: number, check: number): KeySetAnswer {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const slot = this.find(key);
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = key + 1;
      this.checks[slot] = check;
      this.count++;
      return 'added';
    }
    return this.checks[slot] === check ? 'duplicate' : 'taken';
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    const stored = key + 1;
    let slot = ((key % 4294967296) ^ Math.floor(key / 4294967296)) & mask;
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
      const slot = this.find(stored - 1);
      this.keys[slot] = stored;
      this.checks[slot] = checks[i] as number;
    }
  }
}
