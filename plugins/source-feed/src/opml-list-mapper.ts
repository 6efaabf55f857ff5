import {
  type IdentityLink,
  type IdentityRef,
  type IdentityReport,
  ownerIdentity,
  personalSiteIdentity,
  relationSignalId,
  type Signal,
} from '@handshake/sdk';
import type { DocumentMapper, MappedEntry } from './document-mapper.js';
import type { OpmlEntry, OpmlList } from './feed-document.js';
import { parseFeedDate } from './parse-feed-date.js';
import { resolveHttpUrl } from './resolve-http-url.js';

export interface OpmlListMapperOptions {
  /** The list's own identity id when it is not the user's: its URL, or its file's `file://` URL. */
  readonly listId: string;
  /** The file or URL, for rejections. */
  readonly where: string;
  /** The list is the user's own (`owner: me`): its follows are the user's. */
  readonly owner: boolean;
  /** Where relative `xmlUrl`s resolve: the list's URL in URL mode. */
  readonly base: string | undefined;
  /**
   * When the list was last written, for outlines without a `created` date and a head without
   * `dateModified`/`dateCreated`: the file's modification time, or the HTTP `Last-Modified`.
   */
  readonly writtenAt: { readonly at: string; readonly rawAt?: string } | undefined;
}

type Time = { readonly at: string; readonly rawAt?: string };

/** Whom an outline follows, or why it follows nobody: a fault (`reject`) or nothing usable (`skip`). */
type Subject = IdentityRef | { readonly reject: string } | { readonly skip: string };

function isIdentity(subject: Subject): subject is IdentityRef {
  return 'network' in subject;
}

/**
 * Turns an OPML subscription list or blogroll into `follow` signals from its owner to each feed
 * it lists (`{network: 'feed', id: xmlUrl}`), or to a site's `web` identity when a blogroll entry
 * has a site and no feed. The owner is the user (`ownerIdentity('feed')`) with `owner: me`, else
 * the list itself.
 */
export class OpmlListMapper implements DocumentMapper {
  readonly identities: readonly IdentityReport[];
  private readonly actor: IdentityRef;
  private readonly listTime: Time | undefined;
  private readonly subjects: readonly Subject[];
  private readonly firstUse: readonly number[];

  constructor(
    private readonly document: OpmlList,
    private readonly options: OpmlListMapperOptions,
  ) {
    const ownerSite = resolveHttpUrl(document.ownerId, undefined);
    const links = sameSite(ownerSite);
    if (options.owner) {
      this.actor = ownerIdentity('feed');
      this.identities = [{ ...this.actor, owner: true, ...(document.ownerName ? { displayName: document.ownerName } : {}), ...links }];
    } else {
      this.actor = { network: 'feed', id: options.listId };
      const displayName = document.ownerName ?? document.title;
      this.identities = [{ ...this.actor, ...(displayName ? { displayName } : {}), ...(ownerSite ? { url: ownerSite } : {}), ...links }];
    }
    this.listTime = timeOf(document.dates) ?? options.writtenAt;
    this.subjects = document.entries.map((entry) => this.subjectOf(entry));
    const seen = new Map<string, number>();
    this.firstUse = this.subjects.map((subject, position) => {
      if (!isIdentity(subject)) return position;
      const first = seen.get(`${subject.network}:${subject.id}`);
      if (first === undefined) seen.set(`${subject.network}:${subject.id}`, position);
      return first ?? position;
    });
  }

  get size(): number {
    return this.document.entries.length;
  }

  map(position: number): MappedEntry {
    const entry = this.document.entries[position] as OpmlEntry;
    const where = `${this.options.where} outline ${entry.index}${entry.line === undefined ? '' : ` (line ${entry.line})`}`;
    const subject = this.subjects[position] as Subject;
    if ('reject' in subject) return { signals: [], identities: [], rejected: { where, reason: subject.reject } };
    if ('skip' in subject) return { signals: [], identities: [], skipped: { where, reason: subject.skip } };
    const first = this.firstUse[position] as number;
    if (first !== position) {
      const earlier = (this.document.entries[first] as OpmlEntry).index;
      return { signals: [], identities: [], skipped: { where, reason: `lists ${subject.id} again (first at outline ${earlier})` } };
    }
    const time = (entry.created === undefined ? undefined : timeOf([entry.created])) ?? this.listTime;
    if (time === undefined) {
      return {
        signals: [],
        identities: [],
        skipped: {
          where,
          reason: 'no date: no created on the outline, no dateModified or dateCreated in the head, and no file or HTTP date',
        },
      };
    }
    const htmlUrl = resolveHttpUrl(entry.htmlUrl, this.options.base);
    const signal: Signal = {
      id: relationSignalId('feed', 'follow', this.actor, subject),
      network: 'feed',
      kind: 'follow',
      actor: this.actor,
      subject,
      ...time,
      object: { url: htmlUrl ?? subject.id, ...(entry.title ? { text: entry.title } : {}) },
    };
    // A reader copies htmlUrl from the feed itself, so it states the feed's site; when it only
    // repeats the feed's address (some tools do), it says nothing about whose site it is.
    const site = subject.network === 'feed' && htmlUrl !== subject.id ? sameSite(htmlUrl) : {};
    const identity: IdentityReport = {
      ...subject,
      ...(entry.title ? { displayName: entry.title } : {}),
      ...(htmlUrl ? { url: htmlUrl } : {}),
      ...site,
    };
    return { signals: [signal], identities: [identity] };
  }

  /** The followed identity, or why there is none. */
  private subjectOf(entry: OpmlEntry): Subject {
    if (entry.xmlUrl !== undefined) {
      const feedUrl = resolveHttpUrl(withoutFeedScheme(entry.xmlUrl), this.options.base);
      return feedUrl === undefined
        ? { reject: `xmlUrl ${JSON.stringify(entry.xmlUrl)} is not an http(s) address` }
        : { network: 'feed', id: feedUrl };
    }
    const htmlUrl = resolveHttpUrl(entry.htmlUrl, this.options.base);
    if (htmlUrl === undefined) return { reject: `htmlUrl ${JSON.stringify(entry.htmlUrl)} is not an http(s) address` };
    return personalSiteIdentity(htmlUrl) ?? { skip: `a site without a feed on a shared host (${htmlUrl}): it names nobody's own site` };
  }
}

/** `feed://host/path` and `feed:https://host/path`, which some readers export, are plain http(s). */
function withoutFeedScheme(url: string): string {
  if (/^feed:https?:/i.test(url)) return url.slice(5);
  return url.replace(/^feed:\/\//i, 'http://');
}

function timeOf(dates: readonly string[]): Time | undefined {
  for (const rawAt of dates) {
    const at = parseFeedDate(rawAt);
    if (at !== undefined) return { at, ...(rawAt === at ? {} : { rawAt }) };
  }
  return undefined;
}

function sameSite(url: string | undefined): { links?: IdentityLink[] } {
  const site = url === undefined ? undefined : personalSiteIdentity(url);
  return site ? { links: [{ to: site, evidence: 'same-site' }] } : {};
}
