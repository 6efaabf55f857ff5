/**
 * The canonical form of a LinkedIn profile URL, used as the identity id: `https`, host
 * `www.linkedin.com` (country hosts such as `de.linkedin.com` show the same profile), the
 * `/in/<name>` part only (no locale suffix, query or trailing slash), the name lower-cased (vanity
 * names are case-insensitive) and percent-encoded one way, so `%7Ekeziah` and `~keziah` meet.
 * Returns undefined for an empty or unreadable value.
 */
export function normalizeProfileUrl(raw: string): string | undefined {
  // The same few URLs fill every row of messages.csv (the owner's above all): parse each once.
  if (cache.has(raw)) return cache.get(raw);
  const url = normalize(raw);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(raw, url);
  return url;
}

const CACHE_SIZE = 50_000;
const cache = new Map<string, string | undefined>();

function normalize(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  // A scheme is letters before a colon; `www.linkedin.com/in/x` has none and is taken as https.
  const scheme = /^([a-z][a-z0-9+-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined;
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `https://${text}` : text);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.hostname === '') return undefined;
  const host = url.hostname.toLowerCase();
  const linkedin = host === 'linkedin.com' || host.endsWith('.linkedin.com');
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (linkedin && segments[0]?.toLowerCase() === 'in' && segments[1] !== undefined) {
    return `https://www.linkedin.com/in/${canonicalSegment(segments[1])}`;
  }
  // Another kind of page (an old /pub/ profile, a company): kept whole, in one form.
  const path = segments.map(canonicalSegment).join('/');
  return `https://${linkedin ? 'www.linkedin.com' : host}${path === '' ? '' : `/${path}`}`;
}

function canonicalSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  return encodeURIComponent(decoded.normalize('NFC').toLowerCase());
}
