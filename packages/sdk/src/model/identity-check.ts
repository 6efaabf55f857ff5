import type { IdentityLinkEvidence, IdentityReport } from './identity.js';

export type IdentityCheck = { readonly ok: true; readonly report: IdentityReport } | { readonly ok: false; readonly reason: string };

const EVIDENCE: ReadonlySet<string> = new Set<IdentityLinkEvidence>(['declared', 'verified-link', 'domain-handle', 'same-site']);

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Checks an identity report (from a source, or an identity line of the JSON lines format). */
export function checkIdentityReport(value: unknown): IdentityCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: `expected an identity object, received ${describe(value)}` };
  const raw = value as Record<string, unknown>;
  if (typeof raw.network !== 'string' || raw.network === '')
    return { ok: false, reason: `network: expected a non-empty string, received ${describe(raw.network)}` };
  if (typeof raw.id !== 'string' || raw.id === '')
    return { ok: false, reason: `id: expected a non-empty string, received ${describe(raw.id)}` };
  const report: { -readonly [K in keyof IdentityReport]: IdentityReport[K] } = { network: raw.network, id: raw.id };
  for (const field of ['handle', 'displayName', 'url'] as const) {
    const text = raw[field];
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string') return { ok: false, reason: `${field}: expected a string, received ${describe(text)}` };
    if (text !== '') report[field] = text;
  }
  for (const field of ['weak', 'owner'] as const) {
    if (raw[field] === undefined) continue;
    if (typeof raw[field] !== 'boolean') return { ok: false, reason: `${field}: expected true or false, received ${describe(raw[field])}` };
    report[field] = raw[field];
  }
  for (const field of ['followingCount', 'followersCount'] as const) {
    const count = raw[field];
    if (count === undefined || count === null) continue;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
      return { ok: false, reason: `${field}: expected a whole number, received ${JSON.stringify(count)}` };
    report[field] = count;
  }
  if (raw.links !== undefined) {
    if (!Array.isArray(raw.links)) return { ok: false, reason: `links: expected an array, received ${describe(raw.links)}` };
    const links: NonNullable<IdentityReport['links']>[number][] = [];
    for (const [index, link] of raw.links.entries()) {
      const to = (link as { to?: { network?: unknown; id?: unknown } } | null)?.to;
      const evidence = (link as { evidence?: unknown } | null)?.evidence;
      if (typeof to?.network !== 'string' || typeof to?.id !== 'string' || to.network === '' || to.id === '') {
        return { ok: false, reason: `links[${index}].to: expected {network, id}` };
      }
      if (typeof evidence !== 'string' || !EVIDENCE.has(evidence)) {
        return {
          ok: false,
          reason: `links[${index}].evidence: expected one of ${[...EVIDENCE].join(', ')}, received ${JSON.stringify(evidence)}`,
        };
      }
      links.push({ to: { network: to.network, id: to.id }, evidence: evidence as IdentityLinkEvidence });
    }
    report.links = links;
  }
  return { ok: true, report };
}
