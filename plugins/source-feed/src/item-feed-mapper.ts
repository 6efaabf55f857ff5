import {
  contentDigest,
  type IdentityLink,
  type IdentityRef,
  type IdentityReport,
  personalSiteIdentity,
  type Signal,
  type SignalObject,
  signalId,
} from '@handshake/sdk';
import type { DocumentMapper, MappedEntry } from './document-mapper.js';
import type { FeedItem, ItemFeed } from './feed-document.js';
import { parseFeedDate } from './parse-feed-date.js';

export interface ItemFeedMapperOptions {
  /** The feed's identity id: its URL (see FeedSource for how it is chosen). */
  readonly feedId: string;
  /** The file or URL, for rejections. */
  readonly where: string;
  /** The feed is the user's own blog. */
  readonly owner: boolean;
}

/** Long enough to say what a post is about, short enough to keep the ledger small. */
const TEXT_LIMIT = 500;

/**
 * Turns a feed's items into `post` signals (actor and subject: the feed) and, for each other
 * person's personal site an item links to, a `link` signal from the feed to that site's `web`
 * identity: that is how rules see whose work a blogger shares.
 */
export class ItemFeedMapper implements DocumentMapper {
  readonly identities: readonly IdentityReport[];
  private readonly feed: IdentityRef;
  /** The feed's own sites: links there are the blogger's own, not shared work. */
  private readonly ownSites: ReadonlySet<string>;
  /** Each item's key: its guid or id, else its link (see itemKey). */
  private readonly keys: readonly (string | undefined)[];
  /** For each item, the position of the first item with the same key (its own when it is the first). */
  private readonly firstUse: readonly number[];

  constructor(
    private readonly document: ItemFeed,
    private readonly options: ItemFeedMapperOptions,
  ) {
    this.feed = { network: 'feed', id: options.feedId };
    // Only the site the feed states as its own links it to a person: an author's URI is often a
    // profile on a platform (blogger.com/profile/...), which would merge every author there.
    const site = document.siteUrl === undefined ? undefined : personalSiteIdentity(document.siteUrl);
    const links: IdentityLink[] = site ? [{ to: site, evidence: 'same-site' }] : [];
    this.identities = [
      {
        ...this.feed,
        ...(document.title ? { displayName: document.title } : {}),
        ...(document.siteUrl ? { url: document.siteUrl } : {}),
        ...(options.owner ? { owner: true } : {}),
        ...(links.length > 0 ? { links } : {}),
      },
    ];
    this.ownSites = new Set(
      [document.siteUrl, document.selfUrl, options.feedId, ...document.authorUrls]
        .map((url) => (url === undefined ? undefined : personalSiteIdentity(url)?.id))
        .filter((id): id is string => id !== undefined),
    );
    this.keys = document.items.map(itemKey);
    const seen = new Map<string, number>();
    this.firstUse = this.keys.map((key, position) => {
      if (key === undefined) return position;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, position);
      return first ?? position;
    });
  }

  get size(): number {
    return this.document.items.length;
  }

  map(position: number): MappedEntry {
    const item = this.document.items[position] as FeedItem;
    const where = `${this.options.where} item ${item.index}${item.line === undefined ? '' : ` (line ${item.line})`}`;
    if (item.problem) return { signals: [], identities: [], rejected: { where, reason: item.problem } };
    if (item.dates.length === 0) {
      return {
        signals: [],
        identities: [],
        skipped: { where, reason: 'no date (pubDate, dc:date, published, updated or date_published)' },
      };
    }
    const time = firstReadableDate(item.dates);
    if (time === undefined)
      return { signals: [], identities: [], rejected: { where, reason: `unreadable date ${JSON.stringify(item.dates[0])}` } };
    const key = this.keys[position];
    if (key === undefined) {
      return { signals: [], identities: [], rejected: { where, reason: 'nothing identifies it: no guid, id, link, title or text' } };
    }
    const first = this.firstUse[position] as number;
    if (first !== position) {
      const earlier = (this.document.items[first] as FeedItem).index;
      return { signals: [], identities: [], skipped: { where, reason: `repeats the id of item ${earlier} (${JSON.stringify(key)})` } };
    }
    const factKey = `${this.options.feedId} ${key}`;
    const links = item.links.filter((link) => link !== item.url);
    const topics = topicsOf(item.topics);
    const object: SignalObject = {
      ...(item.url ? { url: item.url } : {}),
      ...textOf(item),
      ...(topics.length > 0 ? { topics } : {}),
      ...(links.length > 0 ? { links } : {}),
    };
    const post: Signal = {
      id: signalId('feed', factKey),
      network: 'feed',
      kind: 'post',
      actor: this.feed,
      subject: this.feed,
      ...time,
      object,
    };
    return { signals: [post, ...this.linkSignals(factKey, item, links, time)], identities: [] };
  }

  /** One `link` signal per other person's site the item links to, however many pages of it. */
  private linkSignals(key: string, item: FeedItem, links: readonly string[], time: { at: string; rawAt?: string }): Signal[] {
    const bySite = new Map<string, { site: IdentityRef; urls: string[] }>();
    for (const link of links) {
      const site = personalSiteIdentity(link);
      if (site === undefined || this.ownSites.has(site.id)) continue;
      const entry = bySite.get(site.id);
      if (entry) entry.urls.push(link);
      else bySite.set(site.id, { site, urls: [link] });
    }
    return [...bySite.values()].map(({ site, urls }) => ({
      id: signalId('feed', key, `link:${site.id}`),
      network: 'feed',
      kind: 'link',
      actor: this.feed,
      subject: site,
      ...time,
      object: { url: urls[0] as string, ...(item.title ? { text: item.title } : {}), ...(urls.length > 1 ? { links: urls } : {}) },
    }));
  }
}

/** The first date that reads, published before updated; a later one stands in for an unreadable earlier one. */
function firstReadableDate(dates: readonly string[]): { at: string; rawAt?: string } | undefined {
  for (const rawAt of dates) {
    const at = parseFeedDate(rawAt);
    if (at !== undefined) return { at, ...(rawAt === at ? {} : { rawAt }) };
  }
  return undefined;
}

/**
 * guid / Atom id / JSON Feed id, else the link; an item with neither (RSS allows it) is known by
 * a digest of its title, text and date, which stays the same as long as the item does.
 */
function itemKey(item: FeedItem): string | undefined {
  if (item.id) return item.id;
  if (item.url) return item.url;
  if (!item.title && !item.summary) return undefined;
  return `digest:${contentDigest(item.title, item.summary, item.dates[0])}`;
}

function textOf(item: FeedItem): { text?: string } {
  const { title, summary } = item;
  const text = title && summary && !summary.startsWith(title) ? `${title}\n${summary}` : (summary ?? title);
  if (!text) return {};
  if (text.length <= TEXT_LIMIT) return { text };
  const cut = text.slice(0, TEXT_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return { text: `${(space > TEXT_LIMIT / 2 ? cut.slice(0, space) : cut).trimEnd()}…` };
}

/** Categories without `#`, each once whatever its case. */
function topicsOf(topics: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of topics) {
    const topic = raw.replace(/^#+/, '').trim();
    if (topic !== '' && !seen.has(topic.toLowerCase())) seen.set(topic.toLowerCase(), topic);
  }
  return [...seen.values()];
}
