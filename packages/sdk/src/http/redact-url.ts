const REDACTED = '[redacted]';

/** Query parameters that carry a credential on the APIs we call (Flickr and Tumblr `api_key`, OAuth 1 fields, tokens). */
const SENSITIVE_PARAMETER =
  /^(?:api[_-]?key|apikey|key|token|(?:access|refresh|id|auth|bearer|private|session|oauth)[_-]?token|oauth[_-]\w+|client[_-]?secret|secret|password|passwd|pwd|sig|signature|auth|authorization|session(?:[_-]?id)?|code|x-api-key)$/i;

/** Secrets shorter than this are not searched for: blanking every "a" would ruin the text and hide nothing. */
const SHORTEST_SECRET = 4;

/**
 * A URL fit for a log line or an error message: user:password removed, the value of every
 * credential-like query parameter (and of `extraParameters`) replaced, and any known secret blanked.
 */
export function redactUrl(url: string, secrets: Iterable<string> = [], extraParameters: Iterable<string> = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecrets(url, secrets);
  }
  const extra = new Set([...extraParameters].map((name) => name.toLowerCase()));
  const query = parsed.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const [rawName = '', ...rest] = part.split('=');
      const name = safeDecode(rawName).toLowerCase();
      return rest.length > 0 && (SENSITIVE_PARAMETER.test(name) || extra.has(name)) ? `${rawName}=${REDACTED}` : part;
    });
  const text = `${parsed.protocol}//${parsed.host}${parsed.pathname}${query.length > 0 ? `?${query.join('&')}` : ''}${parsed.hash}`;
  return redactSecrets(text, secrets);
}

/** Blanks every known secret out of a text, also in the forms it takes inside a URL or a JSON string. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < SHORTEST_SECRET) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]);
    for (const form of forms) result = result.split(form).join(REDACTED);
  }
  return result;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
