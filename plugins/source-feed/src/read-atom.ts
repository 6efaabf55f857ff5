import type { FeedItem, ItemFeed } from './feed-document.js';
import { readHtmlContent } from './read-html-content.js';
import { resolveHttpUrl } from './resolve-http-url.js';
import type { XmlDocument } from './xml-document.js';
import type { XmlElement, XmlName } from './xml-element.js';
import { XmlNamespace } from './xml-namespace.js';

// A feed that forgets its xmlns is still Atom: its elements then have no namespace.
const ATOM = [XmlNamespace.atom, XmlNamespace.atom03, undefined];
const atom = (local: string): XmlName => ({ local, namespaces: ATOM });

/**
 * Reads Atom 1.0, and the Atom 0.3 that old Blogger and Google feeds still serve (`issued`,
 * `modified`, `mode="escaped"`). Relative URLs resolve against `xml:base`, then `base`.
 */
export function readAtom(document: XmlDocument, base: string | undefined): ItemFeed {
  const feed = document.root;
  const feedBase = baseOf(feed, base);
  const links = feed.all(atom('link'));
  const selfUrl = resolveHttpUrl(links.find((link) => relOf(link) === 'self')?.attribute('href'), feedBase);
  const siteUrl = alternateLink(links, feedBase);
  // In file mode the feed's own address is the best base for everything relative inside it.
  const itemBase = feedBase ?? selfUrl ?? siteUrl;
  const items = feed.all(atom('entry')).map((entry, position) => readEntry(entry, position + 1, document, itemBase));
  const authorUrls = feed
    .all(atom('author'))
    .map((author) => resolveHttpUrl(author.childText(atom('uri')) ?? author.childText(atom('url')), itemBase))
    .filter((url): url is string => url !== undefined);
  const titled = textConstruct(feed.child(atom('title')));
  return {
    type: 'feed',
    format: feed.namespace === XmlNamespace.atom03 ? 'Atom 0.3' : 'Atom 1.0',
    ...(titled ? { title: titled } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    ...(selfUrl ? { selfUrl } : {}),
    authorUrls,
    items,
  };
}

function readEntry(entry: XmlElement, index: number, document: XmlDocument, parentBase: string | undefined): FeedItem {
  const base = baseOf(entry, parentBase);
  const links = entry.all(atom('link'));
  const url = alternateLink(links, base);
  const contentBase = url ?? base;
  const summary = entry.child(atom('summary'));
  const content = entry.child(atom('content'));
  const summaryRead = contentOf(summary, baseOf(summary, contentBase));
  const contentRead = contentOf(content, baseOf(content, contentBase));
  const shared = links
    .filter((link) => ['related', 'via'].includes(relOf(link)))
    .map((link) => resolveHttpUrl(link.attribute('href'), base))
    .filter((link): link is string => link !== undefined);
  const title = textConstruct(entry.child(atom('title')));
  const text = summaryRead?.text || contentRead?.text;
  const id = entry.childText(atom('id'));
  return {
    index,
    ...(entry.start === undefined ? {} : { line: document.lineAt(entry.start) }),
    ...(id ? { id } : {}),
    ...(url ? { url } : {}),
    ...(title ? { title } : {}),
    ...(text ? { summary: text } : {}),
    links: unique([...(contentRead?.links ?? []), ...(summaryRead?.links ?? []), ...shared]),
    topics: entry
      .all(atom('category'))
      .map((category) => (category.attribute('term') ?? category.attribute('label') ?? category.text()).trim())
      .filter((topic) => topic !== ''),
    dates: ['published', 'issued', 'created', 'updated', 'modified']
      .map((name) => entry.childText(atom(name)))
      .filter((date): date is string => date !== undefined),
  };
}

/** `rel` defaults to `alternate` (RFC 4287 §4.2.7.2). */
function relOf(link: XmlElement): string {
  return (link.attribute('rel') ?? 'alternate').trim().toLowerCase();
}

/** The first alternate link to an HTML page, else the first alternate link at all. */
function alternateLink(links: readonly XmlElement[], base: string | undefined): string | undefined {
  const alternates = links.filter((link) => relOf(link) === 'alternate');
  const html = alternates.find((link) => /html/i.test(link.attribute('type') ?? 'text/html'));
  return resolveHttpUrl((html ?? alternates[0])?.attribute('href'), base);
}

function baseOf(element: XmlElement | undefined, parentBase: string | undefined): string | undefined {
  const declared = element?.attributes['xml:base'];
  return declared === undefined ? parentBase : (resolveHttpUrl(declared, parentBase) ?? parentBase);
}

/**
 * An Atom text construct as plain text: `type="html"` and `xhtml` hold markup, `text` (the
 * default) holds text that must not be read as markup.
 */
function textConstruct(element: XmlElement | undefined): string | undefined {
  const text = contentOf(element, undefined)?.text;
  return text === '' ? undefined : text;
}

function contentOf(element: XmlElement | undefined, base: string | undefined): { text: string; links: readonly string[] } | undefined {
  if (element === undefined) return undefined;
  const type = (element.attribute('type') ?? 'text').trim().toLowerCase();
  const mode = element.attribute('mode')?.trim().toLowerCase();
  if (mode === 'base64') return undefined;
  const markup = type === 'html' || type === 'xhtml' || /(html|[/+]xml)$/.test(type) || mode === 'escaped';
  if (markup) return readHtmlContent(element.innerHtml(), base);
  if (type === 'text' || type.startsWith('text/')) return { text: element.text().replace(/\s+/g, ' ').trim(), links: [] };
  // Another media type (an image, a PDF): no prose and no links to read.
  return undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
