import { DAY_MS, decay, type LedgerView, memoPerView, type Person, type SignalDay, type SignalRecord } from '@handshake/sdk';
import { EXCHANGE_KINDS, EXCHANGE_WEIGHTS } from './exchange-kinds.js';

/** Bands of tie strength, as the rules and their readers use them. */
export type TieBand = 'none' | 'weak' | 'moderate' | 'strong';

export const MODERATE_TIE = 0.4;
export const STRONG_TIE = 0.7;

export function bandOf(strength: number, contacted: boolean): TieBand {
  if (!contacted) return 'none';
  return strength >= STRONG_TIE ? 'strong' : strength >= MODERATE_TIE ? 'moderate' : 'weak';
}

/** Everything the ledger says about the tie between two persons, both directions together. */
export interface TieMeasure {
  readonly strength: number;
  readonly band: TieBand;
  /** Days since the last exchange either way; undefined when they never had one (not "a large number"). */
  readonly daysSinceLast: number | undefined;
  /** Days since the first exchange either way. */
  readonly daysSinceFirst: number | undefined;
  readonly lastAt: number | undefined;
  readonly firstAt: number | undefined;
  /** Exchanges from a to b, and from b to a. */
  readonly outward: number;
  readonly inward: number;
  /** Weighted exchanges after exponential decay. */
  readonly intensity: number;
  /** min/max of the two directions' decayed weights, 0 when one is silent. */
  readonly reciprocity: number;
  readonly mutuals: number;
  /** The most recent exchanges, newest first, as evidence. */
  readonly recent: readonly SignalRecord[];
  readonly components: Readonly<Record<'intensity' | 'recency' | 'duration' | 'reciprocity' | 'structure', number>>;
}

export interface TieOptions {
  /** Half-life of an exchange's weight, in milliseconds. */
  readonly halfLife: number;
}

const COMPONENT_WEIGHTS = { intensity: 0.45, reciprocity: 0.2, recency: 0.15, duration: 0.1, structure: 0.1 } as const;
/** Decayed weight at which intensity counts as two thirds saturated (three recent messages are about 8). */
const INTENSITY_SCALE = 6;
const DURATION_FULL_DAYS = 730;
const MUTUALS_FULL = 10;
const EVIDENCE = 5;
/** Day counts are weighed at the day's middle. */
const HALF_DAY = DAY_MS / 2;

/**
 * Measures a tie from recency, duration, intensity (exchanges weighted by kind, decaying with a
 * half-life), reciprocity and structure (mutual connections). Memoized per ledger view: several
 * rules ask about the same pairs in one evaluation round, and the view does not change within it.
 */
export function measureTie(ledger: LedgerView, a: Person, b: Person, now: number, options: TieOptions): TieMeasure {
  return memoPerView(ledger, `tie|${a.id}|${b.id}|${now}|${options.halfLife}`, () => computeTie(ledger, a, b, now, options));
}

function computeTie(ledger: LedgerView, a: Person, b: Person, now: number, options: TieOptions): TieMeasure {
  const query = { kinds: EXCHANGE_KINDS, until: now + 1 };
  // Counts per kind and day, not the signals themselves: two busy people may share thousands.
  const weigh = (days: readonly SignalDay[]) =>
    days.reduce(
      (total, day) => total + day.count * (EXCHANGE_WEIGHTS[day.kind] ?? 1) * decay(now - (day.day + HALF_DAY), options.halfLife),
      0,
    );
  const outWeight = weigh(ledger.daysFrom(a.id, b.id, query));
  const inWeight = weigh(ledger.daysFrom(b.id, a.id, query));
  const outTallies = ledger.countFrom(a.id, b.id, query);
  const inTallies = ledger.countFrom(b.id, a.id, query);
  const tallies = [...outTallies, ...inTallies];
  const recent = [
    ...ledger.signalsFrom(a.id, b.id, { ...query, limit: EVIDENCE }),
    ...ledger.signalsFrom(b.id, a.id, { ...query, limit: EVIDENCE }),
  ]
    .sort((x, y) => y.at - x.at || (x.id < y.id ? -1 : 1))
    .slice(0, EVIDENCE);
  const mutuals = ledger.mutuals(a.id, b.id, MUTUALS_FULL * 5).length;
  const contacted = tallies.length > 0;
  const last = contacted ? Math.max(...tallies.map((tally) => tally.lastAt)) : undefined;
  const first = contacted ? Math.min(...tallies.map((tally) => tally.firstAt)) : undefined;
  const intensity = outWeight + inWeight;
  // A connection (LinkedIn, Facebook friends) is mutual by nature: it counts as coming back.
  const connected = tallies.some((tally) => tally.kind === 'connection');
  const reciprocity =
    connected && (outWeight === 0 || inWeight === 0)
      ? 0.5
      : Math.max(outWeight, inWeight) === 0
        ? 0
        : Math.min(outWeight, inWeight) / Math.max(outWeight, inWeight);
  const components = {
    intensity: 1 - Math.exp(-intensity / INTENSITY_SCALE),
    recency: last === undefined ? 0 : decay(now - last, options.halfLife),
    duration: first === undefined ? 0 : Math.min(1, Math.log1p((now - first) / DAY_MS) / Math.log1p(DURATION_FULL_DAYS)),
    reciprocity,
    structure: Math.min(1, mutuals / MUTUALS_FULL),
  };
  const strength =
    COMPONENT_WEIGHTS.intensity * components.intensity +
    COMPONENT_WEIGHTS.reciprocity * components.reciprocity +
    COMPONENT_WEIGHTS.recency * components.recency +
    COMPONENT_WEIGHTS.duration * components.duration +
    COMPONENT_WEIGHTS.structure * components.structure;
  return {
    strength,
    band: bandOf(strength, contacted),
    daysSinceLast: last === undefined ? undefined : Math.floor((now - last) / DAY_MS),
    daysSinceFirst: first === undefined ? undefined : Math.floor((now - first) / DAY_MS),
    lastAt: last,
    firstAt: first,
    outward: outTallies.reduce((total, tally) => total + tally.count, 0),
    inward: inTallies.reduce((total, tally) => total + tally.count, 0),
    intensity,
    reciprocity,
    mutuals,
    recent,
    components,
  };
}
