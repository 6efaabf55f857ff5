import type { FeedItem, ItemFeed } from './feed-document.js';
import { FeedReadError } from './feed-read-error.js';
import { readHtmlContent } from './read-html-content.js';
import { resolveHttpUrl } from './resolve-http-url.js';
import type { XmlDocument } from './xml-document.js';
import type { XmlElement, XmlName } from './xml-element.js';
import { XmlNamespace } from './xml-namespace.js';

/** RSS 0.9x and 2.0 elements have no namespace; RSS 1.0 and 0.90 put theirs in one. */
const RSS = [undefined, XmlNamespace.rss10, XmlNamespace.rss090];
const rss = (local: string): XmlName => ({ local, namespaces: RSS });
const dc = (local: string): XmlName => ({ local, namespaces: [XmlNamespace.dc, XmlNamespace.dcterms] });
const atom = (local: string): XmlName => ({ local, namespaces: [XmlNamespace.atom] });
const ENCODED: XmlName = { local: 'encoded', namespaces: [XmlNamespace.content] };

/**
 * Reads RSS 2.0, 0.91/0.92 (`<rss>`) and RSS 1.0/0.90 (`<rdf:RDF>`, where the items sit beside the
 * channel instead of inside it). Relative URLs resolve against `base`, else the channel's link.
 */
export function readRss(document: XmlDocument, where: string, base: string | undefined): ItemFeed {
  const root = document.root;
  const channel = root.child(rss('channel'));
  if (channel === undefined) throw new FeedReadError(`${where}: an RSS feed without a <channel> element`);
  const selfUrl = resolveHttpUrl(
    channel
      .all(atom('link'))
      .find((link) => link.attribute('rel')?.trim().toLowerCase() === 'self')
      ?.attribute('href'),
    base,
  );
  const siteUrl = resolveHttpUrl(channel.childText(rss('link')), base ?? selfUrl);
  const itemBase = base ?? selfUrl ?? siteUrl;
  const elements = [...channel.all(rss('item')), ...root.all(rss('item'))];
  const title = channel.childText(rss('title'));
  return {
    type: 'feed',
    format: formatOf(root),
    ...(title ? { title: collapse(title) } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    ...(selfUrl ? { selfUrl } : {}),
    authorUrls: [],
    items: elements.map((item, position) => readItem(item, position + 1, document, itemBase)),
  };
}

function formatOf(root: XmlElement): string {
  if (root.local === 'RDF') return root.child(rss('channel'))?.namespace === XmlNamespace.rss090 ? 'RSS 0.90' : 'RSS 1.0';
  const version = root.attribute('version')?.trim();
  return version ? `RSS ${version}` : 'RSS (no version)';
}

function readItem(item: XmlElement, index: number, document: XmlDocument, base: string | undefined): FeedItem {
  const guidElement = item.child(rss('guid'));
  const guid = guidElement?.text().trim() || undefined;
  const about = item.attribute('about')?.trim() || undefined;
  // A guid is a permalink unless it says otherwise (RSS 2.0 spec), and then only if it is a URL.
  const permalink = guidElement?.attribute('isPermaLink')?.trim().toLowerCase() !== 'false' ? resolveHttpUrl(guid, undefined) : undefined;
  const url = resolveHttpUrl(item.childText(rss('link')), base) ?? permalink ?? resolveHttpUrl(about, undefined);
  const contentBase = url ?? base;
  const description = item.child(rss('description'));
  const encoded = item.child(ENCODED);
  const described = description ? readHtmlContent(description.innerHtml(), contentBase) : undefined;
  const content = encoded ? readHtmlContent(encoded.innerHtml(), contentBase) : undefined;
  const shared = item
    .all(atom('link'))
    .filter((link) => ['related', 'via'].includes(link.attribute('rel')?.trim().toLowerCase() ?? ''))
    .map((link) => resolveHttpUrl(link.attribute('href'), contentBase))
    .filter((link): link is string => link !== undefined);
  const id = guid ?? about;
  const title = item.childText(rss('title'));
  const summary = described?.text || content?.text;
  return {
    index,
    ...(item.start === undefined ? {} : { line: document.lineAt(item.start) }),
    ...(id ? { id } : {}),
    ...(url ? { url } : {}),
    ...(title ? { title: collapse(title) } : {}),
    ...(summary ? { summary } : {}),
    links: [...new Set([...(content?.links ?? []), ...(described?.links ?? []), ...shared])],
    topics: [...item.all(rss('category')), ...item.all(dc('subject'))]
      .map((category) => category.text().trim())
      .filter((topic) => topic !== ''),
    dates: [
      item.childText(rss('pubDate')),
      item.childText(dc('date')),
      item.childText(dc('created')),
      item.childText(dc('issued')),
      item.childText(atom('published')),
      item.childText(atom('updated')),
      item.childText(dc('modified')),
    ].filter((date): date is string => date !== undefined),
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
