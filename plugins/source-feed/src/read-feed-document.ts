import { describeHtmlPage } from './describe-html-page.js';
import type { FeedDocument } from './feed-document.js';
import { FeedReadError } from './feed-read-error.js';
import { readAtom } from './read-atom.js';
import { isJsonFeed, readJsonFeed } from './read-json-feed.js';
import { readOpml } from './read-opml.js';
import { readRss } from './read-rss.js';
import { XmlDocument } from './xml-document.js';
import { XmlNamespace } from './xml-namespace.js';

export interface ReadFeedDocumentOptions {
  /** The file or URL, for errors and rejections. */
  readonly where: string;
  /** The address the text came from, in URL mode: relative URLs inside resolve against it. */
  readonly base: string | undefined;
}

/** Declarations, processing instructions, comments and whitespace before the first element. */
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
const DOCTYPE = /^<!DOCTYPE\s+([\w:.-]+)[^>[]*(?:\[[\s\S]*?\])?\s*>/i;
const FIRST_TAG = /^<([A-Za-z_][\w:.-]*)/;
const HTML_ROOTS = new Set(['html', 'head', 'body', 'title', 'meta', 'script', 'div', 'p', 'a', 'h1']);

/**
 * Reads a feed or OPML file, whatever its extension says: the format is told by the root element
 * (`rss`, `rdf:RDF`, `feed`, `opml`) or, for JSON, by the JSON Feed `version`. An HTML page (a
 * site's home page, a "Document Moved" redirect) fails with what it is and where it points.
 */
export function readFeedDocument(text: string, options: ReadFeedDocumentOptions): FeedDocument {
  const { where, base } = options;
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return readJson(text, where, base);
  const htmlRoot = sniffHtmlRoot(text);
  if (htmlRoot) throw new FeedReadError(`${where} is ${describeHtmlPage(text, base)}`);
  if (!start.startsWith('<')) {
    throw new FeedReadError(
      `${where} is not a feed or an OPML file: neither XML nor JSON, it starts with ${JSON.stringify(start.slice(0, 20))}`,
    );
  }
  const document = XmlDocument.parse(text, where);
  const root = document.root;
  if (root.local === 'rss' || (root.local === 'RDF' && root.namespace === XmlNamespace.rdf)) return readRss(document, where, base);
  if (root.local === 'feed') return readAtom(document, base);
  if (root.local === 'opml') return readOpml(document, where);
  if (root.local.toLowerCase() === 'html') throw new FeedReadError(`${where} is ${describeHtmlPage(text, base)}`);
  throw new FeedReadError(`${where}: the root element <${root.name}> is not a feed (rss, rdf:RDF, Atom feed) or an OPML file (opml)`);
}

function readJson(text: string, where: string, base: string | undefined): FeedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedReadError(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isJsonFeed(value)) {
    throw new FeedReadError(`${where}: JSON, but not a JSON Feed: expected "version": "https://jsonfeed.org/version/1.1" (or /1)`);
  }
  return readJsonFeed(value, where, base);
}

/** The first element's name when the text is an HTML page, read before any XML parsing. */
function sniffHtmlRoot(text: string): string | undefined {
  let rest = text.slice(PROLOG.exec(text)?.[0].length ?? 0);
  const doctype = DOCTYPE.exec(rest);
  if (doctype) {
    if ((doctype[1] as string).toLowerCase() === 'html') return 'html';
    rest = rest.slice(doctype[0].length);
    rest = rest.slice(PROLOG.exec(rest)?.[0].length ?? 0);
  }
  const name = FIRST_TAG.exec(rest)?.[1]?.toLowerCase();
  return name !== undefined && HTML_ROOTS.has(name) ? name : undefined;
}
