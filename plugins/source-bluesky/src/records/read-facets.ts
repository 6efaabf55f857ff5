import { isDid } from '../syntax/did.js';

const MENTION = 'app.bsky.richtext.facet#mention';
const LINK = 'app.bsky.richtext.facet#link';
const TAG = 'app.bsky.richtext.facet#tag';

/** One facet whose byte range fits the text, with the text it covers. */
export interface FacetSpan {
  /** The covered text, cut from the UTF-8 bytes: `@dan.example.com`, `#rust`, `example.com/lo…`. */
  readonly text: string;
  readonly mentions: readonly string[];
  readonly links: readonly string[];
  readonly tags: readonly string[];
}

export interface ReadFacets {
  readonly spans: readonly FacetSpan[];
  /** Facets that were ignored, and why. */
  readonly problems: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A byte that continues a UTF-8 sequence (10xxxxxx): a range starting or ending there cuts a character. */
function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/**
 * Reads a post's facets. Their offsets count UTF-8 bytes, not the UTF-16 units of a JavaScript string, so
 * an emoji before a mention moves it by 4 bytes but 2 units. A facet whose range falls outside the text or
 * cuts a character (a client that counted UTF-16 units) is ignored, as Bluesky's apps ignore it.
 */
export function readFacets(text: string, facets: unknown): ReadFacets {
  if (facets === undefined || facets === null) return { spans: [], problems: [] };
  if (!Array.isArray(facets)) return { spans: [], problems: ['facets: expected an array'] };
  const bytes = Buffer.from(text, 'utf8');
  const spans: FacetSpan[] = [];
  const problems: string[] = [];
  for (const [position, facet] of facets.entries()) {
    const index = isObject(facet) && isObject(facet.index) ? facet.index : undefined;
    const start = index?.byteStart;
    const end = index?.byteEnd;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      problems.push(`facets[${position}]: expected index.byteStart and index.byteEnd`);
      continue;
    }
    const [from, to] = [start as number, end as number];
    if (from < 0 || to <= from || to > bytes.length || isContinuation(bytes[from]) || isContinuation(bytes[to])) {
      problems.push(`facets[${position}]: bytes ${from}–${to} do not fit the text's ${bytes.length} UTF-8 bytes`);
      continue;
    }
    const mentions: string[] = [];
    const links: string[] = [];
    const tags: string[] = [];
    const features = isObject(facet) && Array.isArray(facet.features) ? facet.features : [];
    for (const feature of features) {
      if (!isObject(feature)) continue;
      if (feature.$type === MENTION && isDid(feature.did)) mentions.push(feature.did);
      else if (feature.$type === LINK && typeof feature.uri === 'string' && URL.canParse(feature.uri)) links.push(feature.uri);
      else if (feature.$type === TAG && typeof feature.tag === 'string') {
        // The tag is stored without its `#`, except for the rare double hash.
        const tag = feature.tag.replace(/^#/, '').trim();
        if (tag !== '') tags.push(tag);
      }
    }
    spans.push({ text: bytes.subarray(from, to).toString('utf8'), mentions, links, tags });
  }
  return { spans, problems };
}
