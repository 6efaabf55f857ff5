import type { CrawlPlan, IdentityRef, LedgerView, Person } from '@handshake/sdk';

/** Whom API sources should fetch: the user, the targets, and up to `introducers` mutuals per target. */
export function buildCrawlPlan(view: LedgerView | undefined, me: Person, targets: readonly Person[], introducers: number): CrawlPlan {
  const introducerIdentities: IdentityRef[] = [];
  if (view) {
    const seen = new Set<string>();
    for (const target of targets) {
      for (const person of view.mutuals(me.id, target.id, introducers)) {
        if (seen.has(person)) continue;
        seen.add(person);
        introducerIdentities.push(...(view.person(person)?.identities ?? []));
      }
    }
  }
  const meIdentities = [...me.identities];
  const targetIdentities = targets.flatMap((target) => target.identities);
  const all = [...meIdentities, ...targetIdentities, ...introducerIdentities];
  return {
    me: meIdentities,
    targets: targetIdentities,
    introducers: introducerIdentities,
    on: (network) => dedupe(all.filter((identity) => identity.network === network)),
  };
}

function dedupe(identities: readonly IdentityRef[]): IdentityRef[] {
  const seen = new Set<string>();
  return identities.filter((identity) => {
    const key = `${identity.network}\u0000${identity.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
