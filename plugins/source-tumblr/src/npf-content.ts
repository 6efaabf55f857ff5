import { blogUuid, tumblrList, tumblrRecord, tumblrText } from './tumblr-fields.js';

/** A blog a post names: a mention's blog, a trail item's, a reblog's parent. */
export interface BlogRef {
  readonly uuid: string;
  readonly name?: string;
  readonly url?: string;
}

/** What handshake reads from a post's NPF content blocks. */
export interface NpfContent {
  /** The text blocks' text, one paragraph a line. */
  readonly text: string;
  /** Links from inline link formatting and link blocks, outside Tumblr's redirect, each once. */
  readonly links: readonly string[];
  /** Blogs named by inline mention formatting, each once. */
  readonly mentions: readonly BlogRef[];
}

/** A blog object (`blog`, `formatting[].blog`), when it carries a uuid. */
export function blogRef(value: unknown): BlogRef | undefined {
  const record = tumblrRecord(value);
  const uuid = blogUuid(record?.uuid);
  if (uuid === undefined) return undefined;
  const name = tumblrText(record?.name);
  const url = tumblrText(record?.url);
  return { uuid, ...(name === undefined ? {} : { name }), ...(url === undefined ? {} : { url }) };
}

/**
 * The address behind Tumblr's link redirect (`https://t.umblr.com/redirect?z=<address>&t=...`),
 * which NPF may give in place of the link the author wrote; any other address as it is.
 */
export function unwrapRedirect(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.hostname !== 't.umblr.com' || parsed.pathname !== '/redirect') return url;
  const target = parsed.searchParams.get('z');
  return target !== null && /^https?:\/\//i.test(target) ? target : url;
}

function httpUrl(value: unknown): string | undefined {
  const text = tumblrText(value)?.trim();
  if (text === undefined) return undefined;
  const url = unwrapRedirect(text);
  return /^https?:\/\//i.test(url) ? url : undefined;
}

/** Reads NPF `content` blocks: text blocks (and their link and mention formatting) and link blocks. */
export function readNpfContent(blocks: unknown): NpfContent {
  const paragraphs: string[] = [];
  const links = new Set<string>();
  const mentions = new Map<string, BlogRef>();
  for (const block of tumblrList(blocks)) {
    const record = tumblrRecord(block);
    if (record?.type === 'text') {
      const text = tumblrText(record.text);
      if (text !== undefined) paragraphs.push(text);
      for (const format of tumblrList(record.formatting)) {
        const formatting = tumblrRecord(format);
        if (formatting?.type === 'link') {
          const url = httpUrl(formatting.url);
          if (url !== undefined) links.add(url);
        } else if (formatting?.type === 'mention') {
          const blog = blogRef(formatting.blog);
          if (blog !== undefined && !mentions.has(blog.uuid)) mentions.set(blog.uuid, blog);
        }
      }
    } else if (record?.type === 'link') {
      const url = httpUrl(record.url);
      if (url !== undefined) links.add(url);
    }
  }
  return { text: paragraphs.join('\n'), links: [...links], mentions: [...mentions.values()] };
}
