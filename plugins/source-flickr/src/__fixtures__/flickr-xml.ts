/**
 * Turns the XML example responses of Flickr's reflection methods into the JSON Flickr serves for them,
 * the way its own translation does: attributes become string keys, a text-only element becomes
 * `{"_content": "..."}`, an element with both keeps its text in `_content`, and the elements Flickr
 * repeats (contacts, photos, people, comments) become arrays even when there is one.
 */
const REPEATED = new Set(['contact', 'photo', 'person', 'comment', 'item', 'event']);

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

function parse(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tokens = /<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(tokens)) {
    const [, closing, opening, attributeText = '', selfClosing, text] = match;
    const parent = stack[stack.length - 1] as XmlElement;
    if (text !== undefined) {
      parent.text += decode(text);
    } else if (closing !== undefined) {
      if (parent.name !== closing) throw new Error(`</${closing}> closes <${parent.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [, name, value] of attributeText.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g))
        attributes[name as string] = decode(value as string);
      const element: XmlElement = { name: opening, attributes, children: [], text: '' };
      parent.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  const [document] = root.children;
  if (document === undefined || stack.length !== 1) throw new Error('not a complete XML document');
  return document;
}

function toJson(element: XmlElement): unknown {
  const value: Record<string, unknown> = { ...element.attributes };
  const groups = new Map<string, unknown[]>();
  for (const child of element.children) {
    const list = groups.get(child.name) ?? [];
    list.push(toJson(child));
    groups.set(child.name, list);
  }
  for (const [name, list] of groups) value[name] = REPEATED.has(name) || list.length > 1 ? list : list[0];
  const text = element.text.trim();
  if (text !== '' && element.children.length === 0) value._content = element.text;
  return value;
}

/** The JSON body Flickr answers for a method whose XML answer is `xml`. */
export function flickrJsonFromXml(xml: string): Record<string, unknown> {
  const document = parse(xml);
  return { [document.name]: toJson(document), stat: 'ok' };
}
