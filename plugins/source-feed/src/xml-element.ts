/** A child of an element: another element, or text (entities decoded, CDATA unwrapped). */
export type XmlNode = XmlElement | string;

/** An element name to match: its local name and the namespaces it may be in (`undefined`: none). */
export interface XmlName {
  readonly local: string;
  readonly namespaces: readonly (string | undefined)[];
}

/** One element of a parsed document, with its namespace resolved and its offset in the text. */
export class XmlElement {
  constructor(
    /** The name as written, prefix included. */
    readonly name: string,
    readonly local: string,
    readonly namespace: string | undefined,
    /** Attribute values by the name as written (`href`, `rdf:about`, `xml:base`), entities decoded. */
    readonly attributes: Readonly<Record<string, string>>,
    readonly children: readonly XmlNode[],
    /** Offset of the start tag in the parsed text, for line numbers. */
    readonly start: number | undefined,
  ) {}

  is(name: XmlName): boolean {
    return this.local === name.local && name.namespaces.includes(this.namespace);
  }

  /** The first child element with this name. */
  child(name: XmlName): XmlElement | undefined {
    for (const node of this.children) if (typeof node !== 'string' && node.is(name)) return node;
    return undefined;
  }

  /** Every child element with this name, in document order. */
  all(name: XmlName): XmlElement[] {
    return this.children.filter((node): node is XmlElement => typeof node !== 'string' && node.is(name));
  }

  /** The trimmed text of the first child with this name, or undefined when it is absent or blank. */
  childText(name: XmlName): string | undefined {
    const text = this.child(name)?.text().trim();
    return text === undefined || text === '' ? undefined : text;
  }

  /** An attribute by its local name, whatever its prefix; case-insensitive, as OPML writers vary (`xmlUrl`, `xmlurl`). */
  attribute(local: string): string | undefined {
    const wanted = local.toLowerCase();
    for (const [name, value] of Object.entries(this.attributes)) {
      const colon = name.indexOf(':');
      if ((colon < 0 ? name : name.slice(colon + 1)).toLowerCase() === wanted) return value;
    }
    return undefined;
  }

  /** All the text inside, descendants included. */
  text(): string {
    let text = '';
    for (const node of this.children) text += typeof node === 'string' ? node : node.text();
    return text;
  }

  /**
   * The content as HTML source. Text children are taken as they are, since an RSS description or
   * an Atom `type="html"` element carries escaped HTML; child elements (XHTML content, or the raw
   * markup some feeds put inside a description) are written back as markup.
   */
  innerHtml(): string {
    let html = '';
    for (const node of this.children) html += typeof node === 'string' ? node : node.outerMarkup();
    return html;
  }

  private outerMarkup(): string {
    let markup = `<${this.local}`;
    for (const [name, value] of Object.entries(this.attributes)) markup += ` ${name}="${escapeMarkup(value).replaceAll('"', '&quot;')}"`;
    markup += '>';
    for (const node of this.children) markup += typeof node === 'string' ? escapeMarkup(node) : node.outerMarkup();
    return `${markup}</${this.local}>`;
  }
}

function escapeMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
