import type { OpmlEntry, OpmlList } from './feed-document.js';
import { FeedReadError } from './feed-read-error.js';
import type { XmlDocument } from './xml-document.js';
import type { XmlElement, XmlName } from './xml-element.js';

/** OPML has no namespace; a default one declared by some tools is accepted too. */
const opml = (local: string, root: XmlElement): XmlName => ({ local, namespaces: [undefined, root.namespace] });

/**
 * Reads OPML 1.0, 1.1 and 2.0 outlines. An outline with an `xmlUrl` (any case) names a feed;
 * an outline without one is a folder (its children are read) or a note. A leaf with only an
 * `htmlUrl` (the WordPress blogroll export writes `xmlUrl=""` for sites without a feed) names a site.
 */
export function readOpml(document: XmlDocument, where: string): OpmlList {
  const root = document.root;
  const body = root.child(opml('body', root));
  if (body === undefined) throw new FeedReadError(`${where}: malformed OPML: no <body> element`);
  const head = root.child(opml('head', root));
  const headText = (name: string) => head?.childText(opml(name, root));
  const entries: OpmlEntry[] = [];
  let position = 0;
  const visit = (parent: XmlElement) => {
    for (const outline of parent.all(opml('outline', root))) {
      position++;
      const entry = readOutline(outline, position, document);
      if (entry) entries.push(entry);
      visit(outline);
    }
  };
  visit(body);
  const version = root.attribute('version')?.trim();
  const title = headText('title');
  const ownerName = headText('ownerName');
  const ownerId = headText('ownerId');
  return {
    type: 'opml',
    format: version ? `OPML ${version}` : 'OPML (no version)',
    ...(title ? { title } : {}),
    ...(ownerName ? { ownerName } : {}),
    ...(ownerId ? { ownerId } : {}),
    dates: [headText('dateModified'), headText('dateCreated')].filter((date): date is string => date !== undefined),
    entries,
  };
}

function readOutline(outline: XmlElement, index: number, document: XmlDocument): OpmlEntry | undefined {
  const xmlUrl = outline.attribute('xmlUrl')?.trim() || undefined;
  const htmlUrl = outline.attribute('htmlUrl')?.trim() || undefined;
  const isLeaf = !outline.children.some((child) => typeof child !== 'string');
  if (xmlUrl === undefined && (htmlUrl === undefined || !isLeaf)) return undefined;
  const title = (outline.attribute('text')?.trim() || outline.attribute('title')?.trim())?.replace(/\s+/g, ' ');
  const created = outline.attribute('created')?.trim();
  return {
    index,
    ...(outline.start === undefined ? {} : { line: document.lineAt(outline.start) }),
    ...(xmlUrl ? { xmlUrl } : {}),
    ...(htmlUrl ? { htmlUrl } : {}),
    ...(title ? { title } : {}),
    ...(created ? { created } : {}),
  };
}
