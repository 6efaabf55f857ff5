/**
 * What a feed or OPML file holds, read out of its format: the readers fill it, the mappers turn
 * it into signals. URLs in it are absolute http(s) unless a field says otherwise.
 */
export type FeedDocument = ItemFeed | OpmlList;

/** A blog's feed: RSS, Atom or JSON Feed. */
export interface ItemFeed {
  readonly type: 'feed';
  /** `RSS 2.0`, `RSS 1.0`, `Atom 1.0`, `JSON Feed 1.1`, ... */
  readonly format: string;
  readonly title?: string;
  /** The site the feed belongs to: RSS channel `link`, Atom `link rel=alternate`, JSON Feed `home_page_url`. */
  readonly siteUrl?: string;
  /** Where the feed says it lives: `atom:link rel=self`, JSON Feed `feed_url`. */
  readonly selfUrl?: string;
  /** The feed's authors' addresses (Atom `author/uri`, JSON Feed 1.0 `author.url`, 1.1 `authors[].url`): their links are not shared work. */
  readonly authorUrls: readonly string[];
  readonly items: readonly FeedItem[];
}

export interface FeedItem {
  /** 1-based position among the document's items. */
  readonly index: number;
  readonly line?: number;
  /** What is wrong with it, when it cannot be read at all (a JSON Feed item that is not an object). */
  readonly problem?: string;
  /** RSS `guid` (or RSS 1.0 `rdf:about`), Atom `id`, JSON Feed `id`. */
  readonly id?: string;
  /** The item's own page. */
  readonly url?: string;
  readonly title?: string;
  /** The summary (or, without one, the content) as plain text. */
  readonly summary?: string;
  /** Pages the item points to: content hrefs, JSON Feed `external_url`, Atom `rel=related|via`. */
  readonly links: readonly string[];
  /** Categories and tags, as written. */
  readonly topics: readonly string[];
  /** The date texts it carries, the one to use first (published before updated). */
  readonly dates: readonly string[];
}

/** An OPML outline: a subscription list or a blogroll. */
export interface OpmlList {
  readonly type: 'opml';
  /** `OPML 2.0`, `OPML 1.0`, ... */
  readonly format: string;
  readonly title?: string;
  readonly ownerName?: string;
  /** OPML 2.0 `ownerId`: the address of a page about the owner, as written. */
  readonly ownerId?: string;
  /** `dateModified` then `dateCreated`, as written. */
  readonly dates: readonly string[];
  /** Outlines that name a feed (`xmlUrl`), or a site with no feed (a leaf with only `htmlUrl`). */
  readonly entries: readonly OpmlEntry[];
}

export interface OpmlEntry {
  /** 1-based position among all the document's outlines, folders included. */
  readonly index: number;
  readonly line?: number;
  /** As written: resolving and checking it is the mapper's job, which knows the document's address. */
  readonly xmlUrl?: string;
  readonly htmlUrl?: string;
  /** `text` (what the reader shows), else `title`. */
  readonly title?: string;
  /** The outline's `created` date, as written. */
  readonly created?: string;
}
