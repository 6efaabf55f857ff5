/** An empty slot; real halves are never negative. */
const EMPTY = -1;
/** A value slot whose value did not fit, kept in the overflow map instead. */
const ELSEWHERE = -2;

/**
 * A set of Twitter ids, each optionally mapped to another id, in about 32 bytes an id (64 with a
 * value) rather than the 100 or more of a `Set` of strings: an archive of a million tweets keeps
 * its index of tweet ids in tens of megabytes, not hundreds. An id is stored as two exact doubles
 * (the digits above and below the last ten) in an open-addressing table; an id that does not fit
 * (more than 20 digits, a leading zero) goes to an ordinary map, so every id is kept exactly.
 */
export class SnowflakeIndex {
  private keys: Float64Array;
  private values: Float64Array | undefined;
  private count = 0;
  private readonly overflow = new Map<string, string | undefined>();

  constructor(capacity = 1024) {
    this.keys = new Float64Array(2 * 2 ** Math.ceil(Math.log2(Math.max(capacity, 16)))).fill(EMPTY);
  }

  get size(): number {
    return this.count + this.overflow.size;
  }

  has(id: string): boolean {
    const halves = split(id);
    return halves ? this.slot(halves[0], halves[1]) >= 0 : this.overflow.has(id);
  }

  add(id: string): void {
    const halves = split(id);
    if (!halves) {
      if (!this.overflow.has(id)) this.overflow.set(id, undefined);
      return;
    }
    this.insert(halves[0], halves[1]);
  }

  /** The id `id` maps to, if it was given one. */
  get(id: string): string | undefined {
    const halves = split(id);
    if (!halves) return this.overflow.get(id);
    const slot = this.slot(halves[0], halves[1]);
    if (slot < 0 || !this.values) return undefined;
    const high = this.values[slot] as number;
    if (high === ELSEWHERE) return this.overflow.get(id);
    return high === EMPTY ? undefined : join(high, this.values[slot + 1] as number);
  }

  set(id: string, value: string): void {
    const halves = split(id);
    if (!halves) {
      this.overflow.set(id, value);
      return;
    }
    const slot = this.insert(halves[0], halves[1]);
    this.values ??= new Float64Array(this.keys.length).fill(EMPTY);
    const target = split(value);
    if (target) {
      this.values[slot] = target[0];
      this.values[slot + 1] = target[1];
    } else {
      this.values[slot] = ELSEWHERE;
      this.overflow.set(id, value);
    }
  }

  /** The slot holding the id, or -1. */
  private slot(high: number, low: number): number {
    const mask = this.keys.length - 2;
    for (let slot = hash(high, low) & mask; ; slot = (slot + 2) & mask) {
      const stored = this.keys[slot] as number;
      if (stored === EMPTY) return -1;
      if (stored === high && this.keys[slot + 1] === low) return slot;
    }
  }

  private insert(high: number, low: number): number {
    const found = this.slot(high, low);
    if (found >= 0) return found;
    if ((this.count + 1) * 4 > this.keys.length) this.grow();
    const mask = this.keys.length - 2;
    let slot = hash(high, low) & mask;
    while (this.keys[slot] !== EMPTY) slot = (slot + 2) & mask;
    this.keys[slot] = high;
    this.keys[slot + 1] = low;
    this.count++;
    return slot;
  }

  /** Doubles the table once it is half full, so probes stay short. */
  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2).fill(EMPTY);
    this.values = values ? new Float64Array(keys.length * 2).fill(EMPTY) : undefined;
    const mask = this.keys.length - 2;
    for (let old = 0; old < keys.length; old += 2) {
      const high = keys[old] as number;
      if (high === EMPTY) continue;
      const low = keys[old + 1] as number;
      let slot = hash(high, low) & mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 2) & mask;
      this.keys[slot] = high;
      this.keys[slot + 1] = low;
      if (values && this.values) {
        this.values[slot] = values[old] as number;
        this.values[slot + 1] = values[old + 1] as number;
      }
    }
  }
}

/**
 * An id's two halves, split at the tenth digit from the right so both are exact doubles, or
 * undefined when it is no plain run of up to 20 digits.
 */
function split(id: string): [number, number] | undefined {
  if (id.length === 0 || id.length > 20 || (id.length > 1 && id.charCodeAt(0) === 0x30) || !/^\d+$/.test(id)) return undefined;
  return id.length <= 10 ? [0, Number(id)] : [Number(id.slice(0, -10)), Number(id.slice(-10))];
}

function join(high: number, low: number): string {
  return high === 0 ? String(low) : `${high}${String(low).padStart(10, '0')}`;
}

/** An even slot index from both halves; the low half's upper bits count too, ids share many low ones. */
function hash(high: number, low: number): number {
  const mixed = Math.imul((low >>> 0) ^ Math.imul(high >>> 0, 0x85ebca6b) ^ ((low / 4294967296) | 0), 0x9e3779b1);
  return ((mixed ^ (mixed >>> 15)) >>> 0) << 1;
}
