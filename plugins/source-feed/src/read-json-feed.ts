import type { FeedItem, ItemFeed } from './feed-document.js';
import { FeedReadError } from './feed-read-error.js';
import { readHtmlContent } from './read-html-content.js';
import { resolveHttpUrl } from './resolve-http-url.js';

type JsonObject = Readonly<Record<string, unknown>>;

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/(\d+(?:\.\d+)?)\/?$/;

/** Whether a parsed JSON value declares itself a JSON Feed. */
export function isJsonFeed(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.version === 'string' && VERSION.test(value.version);
}

/**
 * Reads JSON Feed 1.0 and 1.1: the feed's `author` (1.0) or `authors` (1.1), each item's `id`
 * (a number in some 1.0 feeds), `url`, `external_url`, `content_html`/`content_text`, `summary`,
 * `tags` and dates. A malformed item becomes an item with a `problem`; the feed goes on.
 */
export function readJsonFeed(feed: JsonObject, where: string, base: string | undefined): ItemFeed {
  const version = VERSION.exec(feed.version as string)?.[1] ?? '1';
  if (!Array.isArray(feed.items)) throw new FeedReadError(`${where}: a JSON Feed without an "items" array`);
  const selfUrl = resolveHttpUrl(stringOf(feed.feed_url), base);
  const siteUrl = resolveHttpUrl(stringOf(feed.home_page_url), base ?? selfUrl);
  const itemBase = base ?? selfUrl ?? siteUrl;
  const title = stringOf(feed.title)?.trim();
  return {
    type: 'feed',
    format: `JSON Feed ${version === '1' ? '1.0' : version}`,
    ...(title ? { title } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    ...(selfUrl ? { selfUrl } : {}),
    authorUrls: authorsOf(feed)
      .map((author) => resolveHttpUrl(stringOf(author.url), itemBase))
      .filter((url): url is string => url !== undefined),
    items: feed.items.map((item: unknown, position) => readItem(item, position + 1, itemBase)),
  };
}

function readItem(item: unknown, index: number, base: string | undefined): FeedItem {
  if (!isObject(item)) return { index, problem: `expected an object, received ${describe(item)}`, links: [], topics: [], dates: [] };
  const id = typeof item.id === 'number' ? String(item.id) : stringOf(item.id)?.trim();
  const url = resolveHttpUrl(stringOf(item.url), base);
  const contentBase = url ?? base;
  const html = stringOf(item.content_html);
  const content = html === undefined ? undefined : readHtmlContent(html, contentBase);
  const external = resolveHttpUrl(stringOf(item.external_url), contentBase);
  const title = stringOf(item.title)?.replace(/\s+/g, ' ').trim();
  const summary = (stringOf(item.summary) ?? stringOf(item.content_text) ?? content?.text)?.replace(/\s+/g, ' ').trim();
  return {
    index,
    ...(id ? { id } : {}),
    ...(url ? { url } : {}),
    ...(title ? { title } : {}),
    ...(summary ? { summary } : {}),
    links: [...new Set([...(external ? [external] : []), ...(content?.links ?? [])])],
    topics: Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.trim()) : [],
    dates: [stringOf(item.date_published), stringOf(item.date_modified)].filter((date): date is string => !!date?.trim()),
  };
}

/** JSON Feed 1.1 `authors`, else 1.0 `author`. */
function authorsOf(feed: JsonObject): JsonObject[] {
  if (Array.isArray(feed.authors)) return feed.authors.filter(isObject);
  return isObject(feed.author) ? [feed.author] : [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
