import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from './resolve-http-url.js';

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|json|rdf\+xml)$|^text\/xml$/i;

/**
 * Says what an HTML page given as a feed is and where to go instead: its title, the feeds and
 * blogroll it declares (`<link rel="alternate" type="application/rss+xml">`, `rel="blogroll"`),
 * or, for a redirect page ("Document Moved"), where it points. Ends the error that names it.
 */
export function describeHtmlPage(html: string, base: string | undefined): string {
  let title = '';
  let inTitle = false;
  const feeds: string[] = [];
  const anchors: string[] = [];
  let refresh: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        if (
          name === 'link' &&
          (rel.includes('blogroll') || (rel.includes('alternate') && FEED_TYPES.test(attributes.type?.trim() ?? '')))
        ) {
          const href = resolveHttpUrl(attributes.href, base);
          if (href) feeds.push(href);
        }
        if (name === 'a') {
          const href = resolveHttpUrl(attributes.href, base);
          if (href) anchors.push(href);
        }
        if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') {
          refresh = resolveHttpUrl(/url\s*=\s*['"]?([^'"]+)/i.exec(attributes.content ?? '')?.[1], base);
        }
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
      ontext(text) {
        if (inTitle) title += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const named = title.replace(/\s+/g, ' ').trim();
  let description = `an HTML page${named ? ` ("${named}")` : ''}, not a feed or an OPML file`;
  if (feeds.length > 0) description += `; it names ${[...new Set(feeds)].join(', ')}: use that address`;
  else if (refresh) description += `; it redirects to ${refresh}`;
  else if (anchors.length === 1) description += `; it points to ${anchors[0]}`;
  return description;
}
