import { formatDay, type Person } from '@handshake/sdk';
import type { TieMeasure } from './tie-measure.js';

function times(count: number): string {
  return count === 0 ? 'not once' : count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30)} months ago`;
  return `${(days / 365).toFixed(1)} years ago`;
}

/** A sentence a person reads about a tie, with its numbers and dates. */
export function describeTie(a: Person, b: Person, tie: TieMeasure): string {
  if (tie.daysSinceLast === undefined) {
    return `${a.name} and ${b.name} have never exchanged anything the ledger knows of${tie.mutuals > 0 ? ` (${tie.mutuals} mutual connection${tie.mutuals === 1 ? '' : 's'})` : ''}.`;
  }
  const parts = [
    `${a.name} and ${b.name}: a ${tie.band} tie (${tie.strength.toFixed(2)})`,
    `last exchange ${ago(tie.daysSinceLast)} (${formatDay(tie.lastAt ?? 0)})`,
    `first ${ago(tie.daysSinceFirst ?? 0)}`,
    `${a.name} reached out ${times(tie.outward)}, ${b.name} ${times(tie.inward)}`,
  ];
  if (tie.mutuals > 0) parts.push(`${tie.mutuals} mutual connection${tie.mutuals === 1 ? '' : 's'}`);
  return `${parts.join('; ')}.`;
}

export { ago, times };
