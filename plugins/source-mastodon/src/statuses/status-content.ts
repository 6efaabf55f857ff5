import { Parser } from 'htmlparser2';

/** What a status's HTML says, as text, and the links it carries. */
export interface StatusContent {
  /** Plain text: paragraphs apart by a blank line, `<br>` as a line break, links in full. */
  readonly text: string;
  /** The `href` of every link that is not a mention or a hashtag, in order, once each. */
  readonly links: readonly string[];
}

/** Elements that end a block of text. */
const BLOCKS: ReadonlySet<string> = new Set(['p', 'div', 'blockquote', 'pre', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function words(value: string | undefined): string[] {
  return value?.toLowerCase().split(/\s+/) ?? [];
}

/**
 * Mastodon marks mentions `class="u-url mention"` and hashtags `class="mention hashtag" rel="tag"`;
 * other servers may not, so callers also drop the hrefs of the status's tags.
 */
function isTagLink(attributes: Readonly<Record<string, string>>): boolean {
  const classes = words(attributes.class);
  return classes.includes('mention') || classes.includes('hashtag') || words(attributes.rel).includes('tag');
}

function isWebLink(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

/**
 * Reads a status's HTML (Mastodon's `content`, a profile field's value, a bio). Mastodon shortens
 * a long link's visible text with `<span class="invisible">` parts and an ellipsis span; keeping
 * every text node restores the whole URL, so the text says what the author wrote.
 */
export function statusContent(html: string, exclude: ReadonlySet<string> = new Set()): StatusContent {
  const paragraphs: string[] = [];
  let current = '';
  const links: string[] = [];
  const seen = new Set<string>();
  const endBlock = () => {
    const text = current.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
    if (text !== '') paragraphs.push(text);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'br') current += '\n';
        else if (BLOCKS.has(name)) endBlock();
        else if (name === 'a') {
          const href = attributes.href?.trim();
          if (href && isWebLink(href) && !isTagLink(attributes) && !exclude.has(href) && !seen.has(href)) {
            seen.add(href);
            links.push(href);
          }
        }
      },
      onclosetag(name) {
        if (BLOCKS.has(name)) endBlock();
      },
      ontext(text) {
        current += text.replace(/\s+/g, ' ');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endBlock();
  return { text: paragraphs.join('\n\n'), links };
}
