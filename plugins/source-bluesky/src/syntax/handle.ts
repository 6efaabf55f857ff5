/** The longest handle atproto accepts: a DNS name of 253 characters. */
const MAX_HANDLE_LENGTH = 253;
/** Labels of up to 63 letters, digits and inner hyphens; the last one (the TLD) starts with a letter. */
const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** Whether a text is a handle in atproto's syntax (`alice.bsky.social`, `dan.example`): a DNS name, never a key. */
export function isHandle(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_HANDLE_LENGTH && HANDLE.test(text);
}

/** What the AppView shows when a handle no longer resolves to its DID. */
export const INVALID_HANDLE = 'handle.invalid';
