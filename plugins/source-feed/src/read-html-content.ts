import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from './resolve-http-url.js';

/** What a piece of HTML says, as plain text, and the pages it links to. */
export interface HtmlContent {
  /** Whitespace collapsed to single spaces. */
  readonly text: string;
  /** Absolute http(s) `<a href>`s, in order, without repeats. */
  readonly links: readonly string[];
}

/** Elements whose text is not prose. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head']);
/** Elements that end a run of text, so `<p>a</p><p>b</p>` reads `a b`, not `ab`. */
const BREAKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/**
 * Reads HTML (an RSS description, `content:encoded`, Atom html/xhtml content, JSON Feed
 * `content_html`) with htmlparser2, which accepts the broken markup feeds carry. Relative
 * hrefs resolve against `base` (the item's page, or the feed's); those that cannot are dropped.
 */
export function readHtmlContent(html: string, base: string | undefined): HtmlContent {
  const parts: string[] = [];
  const links: string[] = [];
  const seen = new Set<string>();
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name)) hidden++;
        if (BREAKS.has(name)) parts.push(' ');
        const href = name === 'a' ? attributes.href : undefined;
        const link = href === undefined ? undefined : resolveHttpUrl(href, base);
        if (link !== undefined && !seen.has(link)) {
          seen.add(link);
          links.push(link);
        }
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
        if (BREAKS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, recognizeCDATA: true },
  );
  parser.end(html);
  return { text: parts.join('').replace(/\s+/g, ' ').trim(), links };
}
