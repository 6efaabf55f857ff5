/** The longest DID atproto accepts: 2 KB. */
const MAX_DID_LENGTH = 2048;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;

/** Whether a text is a DID in atproto's syntax (`did:plc:…`, `did:web:…`): the stable key of a Bluesky account. */
export function isDid(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_DID_LENGTH && DID.test(text);
}
