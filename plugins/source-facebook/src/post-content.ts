import type { SignalObject } from '@handshake/sdk';
import { isRecord, records } from './json-record.js';

/** The text, links and topics of a post or comment, as `object` carries them. */
export type PostContent = Pick<SignalObject, 'text' | 'links' | 'topics'>;

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’]+$/u;
const HASHTAG = /(?:^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** The URLs of link attachments (`attachments[].data[].external_context.url`). */
function attachmentLinks(attachments: unknown): string[] {
  const links: string[] = [];
  for (const attachment of records(attachments)) {
    for (const item of records(attachment.data)) {
      const context = item.external_context;
      if (isRecord(context) && typeof context.url === 'string' && /^https?:\/\//i.test(context.url)) links.push(context.url);
    }
  }
  return links;
}

/**
 * What a post or comment says: its text, the links it carries (link attachments first, then URLs
 * written in the text) and its hashtags as topics, without `#`. Empty parts are left out.
 */
export function postContent(text: string | undefined, attachments?: unknown): PostContent {
  const trimmed = text?.trim();
  const links = new Set(attachmentLinks(attachments));
  const topics = new Set<string>();
  if (trimmed) {
    for (const match of trimmed.matchAll(URL_IN_TEXT)) links.add(match[0].replace(TRAILING_PUNCTUATION, ''));
    for (const match of trimmed.matchAll(HASHTAG)) topics.add(match[1] as string);
  }
  return {
    ...(trimmed ? { text: trimmed } : {}),
    ...(links.size > 0 ? { links: [...links] } : {}),
    ...(topics.size > 0 ? { topics: [...topics] } : {}),
  };
}

/** The text of a post record: its `data[].post` parts, one per line. */
export function postText(data: unknown): string | undefined {
  const parts = records(data)
    .map((item) => item.post)
    .filter((post): post is string => typeof post === 'string' && post.trim() !== '');
  return parts.length > 0 ? parts.join('\n') : undefined;
}
