/**
 * An absolute http(s) URL from an href and the base it is relative to, or undefined when it is
 * blank, not http(s) (`mailto:`, `javascript:`, `data:`), or relative with no base to resolve it.
 */
export function resolveHttpUrl(href: string | undefined, base: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
