/** One link of a `Link` header (RFC 8288). */
export interface LinkHeaderEntry {
  /** Resolved against the base URL when one is given. */
  readonly url: string;
  /** The relation types, lower case: `rel="next last"` gives both. */
  readonly rel: readonly string[];
  readonly parameters: Readonly<Record<string, string>>;
}

const LINK = /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
const PARAMETER = /;\s*([^;,=\s]+)(?:\s*=\s*(?:"([^"]*)"|([^;,]*)))?/g;

/**
 * Parses `Link: <https://…?max_id=1>; rel="next", <…>; rel="prev"` as Mastodon and GitHub send it.
 * URLs may hold commas and semicolons: only what is inside the angle brackets is the URL.
 */
export function parseLinkHeader(value: string | undefined, base?: string): LinkHeaderEntry[] {
  if (!value) return [];
  const entries: LinkHeaderEntry[] = [];
  for (const match of value.matchAll(LINK)) {
    const parameters: Record<string, string> = {};
    for (const parameter of (match[2] ?? '').matchAll(PARAMETER)) {
      const name = (parameter[1] ?? '').toLowerCase();
      parameters[name] ??= (parameter[2] ?? parameter[3] ?? '').trim();
    }
    const rel = (parameters.rel ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((type) => type !== '');
    entries.push({ url: resolve(match[1] ?? '', base), rel, parameters });
  }
  return entries;
}

/** The URL of the first link with this relation type, or undefined. */
export function linkWithRel(value: string | undefined, rel: string, base?: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(value, base).find((entry) => entry.rel.includes(wanted))?.url;
}

function resolve(url: string, base: string | undefined): string {
  const trimmed = url.trim();
  if (base === undefined) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}
