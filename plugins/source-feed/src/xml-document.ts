import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedReadError } from './feed-read-error.js';
import { XmlElement, type XmlNode } from './xml-element.js';
import { XmlNamespace } from './xml-namespace.js';

/** Prefixes feeds use without declaring them; a namespace-aware reader would otherwise lose `dc:date`. */
const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  atom: XmlNamespace.atom,
  atom10: XmlNamespace.atom,
  a10: XmlNamespace.atom,
  dc: XmlNamespace.dc,
  dcterms: XmlNamespace.dcterms,
  content: XmlNamespace.content,
  rdf: XmlNamespace.rdf,
};

/** Only the implicit `xml:` prefix is bound before any declaration. */
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace between inline elements is part of the text (`submitted by <a>`); readers trim.
  trimValues: false,
  processEntities: true,
  // Feeds use HTML entities (`&nbsp;`, `&rsquo;`) without declaring them.
  htmlEntities: true,
  captureMetaData: true,
  maxNestedTags: 512,
});
const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** A parsed, well-formed XML document: its root element and the line of any offset in it. */
export class XmlDocument {
  private lineStarts: number[] | undefined;

  private constructor(
    readonly root: XmlElement,
    private readonly text: string,
  ) {}

  /**
   * Parses a whole document, or throws a FeedReadError with the line and column of the first
   * fault. Bare `&` in text (`Tom & Jerry`), the commonest fault of hand-made feeds, is read as
   * `&amp;` instead of failing the whole feed; anything else that is not well-formed fails.
   */
  static parse(source: string, where: string): XmlDocument {
    const text = escapeBareAmpersands(source);
    const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      throw new FeedReadError(`${where}: not well-formed XML at line ${line}, column ${col}: ${msg}`);
    }
    let nodes: RawNode[];
    try {
      nodes = parser.parse(text) as RawNode[];
    } catch (error) {
      throw new FeedReadError(`${where}: not well-formed XML: ${(error as Error).message}`, { cause: error });
    }
    const scope = new Map<string, string>([['xml', XML_NAMESPACE]]);
    for (const node of nodes) {
      const element = toElement(node, scope);
      if (element) return new XmlDocument(element, text);
    }
    throw new FeedReadError(`${where}: no XML element in the file`);
  }

  /** The 1-based line of an offset in the parsed text. */
  lineAt(offset: number): number {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let index = this.text.indexOf('\n'); index >= 0; index = this.text.indexOf('\n', index + 1)) starts.push(index + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

function toElement(node: RawNode, parentScope: ReadonlyMap<string, string>): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const attributes = node[':@'] ?? {};
  let scope = parentScope;
  for (const [attribute, value] of Object.entries(attributes)) {
    if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) continue;
    if (scope === parentScope) scope = new Map(parentScope);
    (scope as Map<string, string>).set(attribute === 'xmlns' ? '' : attribute.slice(6), value);
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  const namespace = scope.get(prefix) ?? (prefix === '' ? undefined : WELL_KNOWN_PREFIXES[prefix.toLowerCase()]);
  const children: XmlNode[] = [];
  for (const child of (node[name] as RawNode[] | undefined) ?? []) {
    const text = child['#text'];
    if (text !== undefined) children.push(String(text));
    else {
      const element = toElement(child, scope);
      if (element) children.push(element);
    }
  }
  const metadata = (node as Record<symbol, { startIndex?: number } | undefined>)[METADATA];
  // An empty default namespace (`xmlns=""`) means no namespace.
  return new XmlElement(name, local, namespace === '' ? undefined : namespace, attributes, children, metadata?.startIndex);
}

/**
 * Escapes each `&` that starts no entity or character reference, outside CDATA sections and
 * comments (where `&` is literal). Adds characters only within a line, so line numbers hold.
 */
function escapeBareAmpersands(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?!(?:#\d+|#x[\da-fA-F]+|[A-Za-z_][\w.-]*);)/g, (match) =>
    match === '&' ? '&amp;' : match,
  );
}
