const MAX_NSID_LENGTH = 317;
/** A reversed domain of at least two labels, then a name of letters and digits: `app.bsky.feed.post`. */
const NSID = /^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+\.[a-zA-Z][a-zA-Z0-9]{0,62}$/;

/** Whether a text is a namespaced identifier (NSID), the name of a record collection or an XRPC method. */
export function isNsid(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_NSID_LENGTH && NSID.test(text);
}
