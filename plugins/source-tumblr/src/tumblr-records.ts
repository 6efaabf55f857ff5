import { type IdentityRef, type IdentityReport, personalSiteIdentity, type Signal, type SignalObject, signalId } from '@handshake/sdk';
import { type BlogRef, blogRef, readNpfContent } from './npf-content.js';
import { blogUuid, postId, shown, type TumblrInstant, tumblrInstant, tumblrList, tumblrRecord, tumblrText } from './tumblr-fields.js';

export const TUMBLR = 'tumblr';

export function tumblrIdentity(uuid: string): IdentityRef {
  return { network: TUMBLR, id: uuid };
}

/** What handshake reports of a blog: uuid as the key, name as the handle, title as the display name. */
export function blogIdentity(blog: BlogRef & { readonly title?: string }): IdentityReport {
  return {
    ...tumblrIdentity(blog.uuid),
    ...(blog.name === undefined ? {} : { handle: blog.name }),
    ...(blog.title === undefined ? {} : { displayName: blog.title }),
    ...(blog.url === undefined ? {} : { url: blog.url }),
  };
}

/** The blog object of a posts answer (`response.blog`), with its title. */
export function answerBlog(value: unknown): (BlogRef & { readonly title?: string }) | undefined {
  const blog = blogRef(value);
  const title = tumblrText(tumblrRecord(value)?.title);
  return blog === undefined ? undefined : { ...blog, ...(title === undefined ? {} : { title }) };
}

/** A recent original post of a blog, whose notes may be read. */
export interface RecentPost {
  readonly id: string;
  readonly blog: string;
  readonly url?: string;
  readonly noteCount?: number;
}

/** What one record became: signals with the identities they name, or why it became none. */
export interface TumblrRecordOutcome {
  readonly signals: readonly Signal[];
  readonly identities: readonly IdentityReport[];
  readonly rejected?: string;
  readonly skipped?: string;
  /** The record's date in unix seconds: where the list stands. */
  readonly seconds?: number;
  /** Set for an original post: its notes are worth reading. */
  readonly original?: RecentPost;
  /** A pinned post sits first whatever its date: it says nothing about where the list stands. */
  readonly pinned?: boolean;
}

function outcome(fields: Partial<TumblrRecordOutcome>): TumblrRecordOutcome {
  return { signals: [], identities: [], ...fields };
}

function compact(object: SignalObject): SignalObject {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    result[key] = value;
  }
  return result as SignalObject;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Tags as topics: without `#`, each once. */
function topicsOf(tags: unknown): string[] {
  const topics = new Set<string>();
  for (const tag of tumblrList(tags)) {
    const topic = tumblrText(tag)?.trim().replace(/^#+/, '').trim();
    if (topic) topics.add(topic);
  }
  return [...topics];
}

function instantOf(record: Readonly<Record<string, unknown>>): TumblrInstant | undefined {
  return tumblrInstant(record.timestamp, record.date);
}

/**
 * The signals of one post of `blog`. An original post is a `post` (text, tags as topics, links); a
 * reblog is a `share` to each blog whose post it passes on (the one it was reblogged from, and the
 * blogs of its trail, the original first), carrying the reblogger's own text and tags. Either way, each
 * blog its own text mentions is a `mention`, and each personal site it links a `link`.
 */
export function postSignals(blog: BlogRef, item: unknown): TumblrRecordOutcome {
  const record = tumblrRecord(item);
  if (record === undefined) return outcome({ rejected: `expected a post object, received ${shown(item)}` });
  const when = instantOf(record);
  const id = postId(record);
  if (when === undefined) return outcome({ rejected: `timestamp: expected unix seconds, received ${shown(record.timestamp)}` });
  const pinned = record.is_pinned === true;
  if (id === undefined)
    return outcome({
      rejected: `id_string: expected the post id as digits, received ${shown(record.id_string)} (a 64-bit id cannot be read exactly from the number ${shown(record.id)})`,
      seconds: when.seconds,
      pinned,
    });

  const author = tumblrIdentity(blog.uuid);
  const url = tumblrText(record.post_url);
  const hasContent = Array.isArray(record.content);
  const content = readNpfContent(record.content);
  const text = hasContent ? content.text : (tumblrText(record.summary) ?? '');
  const topics = topicsOf(record.tags);
  const base = { network: TUMBLR, actor: author, at: when.at, rawAt: when.rawAt };
  const signals: Signal[] = [];
  const identities: IdentityReport[] = [];

  const trail = tumblrList(record.trail).map((entry) => blogRef(tumblrRecord(entry)?.blog));
  const parent = blogUuid(record.reblogged_from_uuid);
  const root = blogUuid(record.reblogged_root_uuid);
  const reblog =
    parent !== undefined ||
    root !== undefined ||
    tumblrText(record.reblogged_from_name) !== undefined ||
    tumblrText(record.parent_post_url) !== undefined ||
    trail.length > 0;

  if (!reblog) {
    signals.push({
      ...base,
      id: signalId(TUMBLR, id),
      kind: 'post',
      subject: author,
      object: compact({ url, text, topics, links: [...content.links] }),
    });
  } else {
    const passedOn = new Map<string, BlogRef>();
    const add = (ref: BlogRef | undefined) => {
      if (ref !== undefined && ref.uuid !== blog.uuid && !passedOn.has(ref.uuid)) passedOn.set(ref.uuid, ref);
    };
    for (const ref of trail) add(ref);
    const parentName = tumblrText(record.reblogged_from_name);
    const parentUrl = tumblrText(record.reblogged_from_url);
    if (parent !== undefined)
      add({
        uuid: parent,
        ...(parentName === undefined ? {} : { name: parentName }),
        ...(parentUrl === undefined ? {} : { url: parentUrl }),
      });
    const rootName = tumblrText(record.reblogged_root_name);
    if (root !== undefined) add({ uuid: root, ...(rootName === undefined ? {} : { name: rootName }) });
    if (passedOn.size === 0)
      return outcome({
        skipped: `reblog ${id}: the blogs it passes on are unknown (deleted, broken or its own), no share in it`,
        seconds: when.seconds,
        pinned,
      });
    for (const ref of passedOn.values()) {
      signals.push({
        ...base,
        id: signalId(TUMBLR, id, `share:${ref.uuid}`),
        kind: 'share',
        subject: tumblrIdentity(ref.uuid),
        object: compact({ url, text, topics, links: [...content.links] }),
      });
      identities.push(blogIdentity(ref));
    }
  }

  const mentionHosts = new Set<string>();
  for (const mention of content.mentions) {
    const host = hostOf(mention.url);
    if (host !== undefined) mentionHosts.add(host);
    identities.push(blogIdentity(mention));
    if (mention.uuid === blog.uuid) continue;
    signals.push({
      ...base,
      id: signalId(TUMBLR, id, `mention:${mention.uuid}`),
      kind: 'mention',
      subject: tumblrIdentity(mention.uuid),
      object: compact({ url }),
    });
  }

  // A link to the blog's own site, or to a blog the post mentions, is not a link to someone's outside work.
  const ownHost = hostOf(blog.url);
  const sites = new Set<string>();
  for (const link of content.links) {
    const site = personalSiteIdentity(link);
    const host = hostOf(link);
    if (site === undefined || host === ownHost || (host !== undefined && mentionHosts.has(host)) || sites.has(site.id)) continue;
    sites.add(site.id);
    signals.push({ ...base, id: signalId(TUMBLR, id, `link:${site.id}`), kind: 'link', subject: site, object: { url: link } });
  }

  const noteCount = typeof record.note_count === 'number' ? record.note_count : undefined;
  return {
    signals,
    identities,
    seconds: when.seconds,
    pinned,
    ...(reblog
      ? {}
      : { original: { id, blog: blog.uuid, ...(url === undefined ? {} : { url }), ...(noteCount === undefined ? {} : { noteCount }) } }),
  };
}

/** The id of "this blog liked this post", the same from the liker's likes and from the post's notes. */
function likeId(post: string, liker: string): string {
  return signalId(TUMBLR, post, `like:${liker}`);
}

/** A post in a blog's public likes (`liked_posts`, with `liked_timestamp`): the blog liked the post's blog. */
export function likedPost(liker: BlogRef, item: unknown): TumblrRecordOutcome {
  const record = tumblrRecord(item);
  if (record === undefined) return outcome({ rejected: `expected a post object, received ${shown(item)}` });
  const liked = tumblrInstant(record.liked_timestamp);
  if (liked === undefined)
    return outcome({ rejected: `liked_timestamp: expected unix seconds, received ${shown(record.liked_timestamp)}` });
  const id = postId(record);
  if (id === undefined)
    return outcome({
      rejected: `id_string: expected the liked post's id as digits, received ${shown(record.id_string)}`,
      seconds: liked.seconds,
    });
  const blog = blogRef(record.blog) ?? blogRef({ uuid: record.blog_uuid, name: record.blog_name });
  if (blog === undefined) return outcome({ skipped: `liked post ${id}: its blog has no uuid`, seconds: liked.seconds });
  if (blog.uuid === liker.uuid)
    return outcome({ skipped: `liked post ${id}: the blog's own post, no relationship in it`, seconds: liked.seconds });
  const url = tumblrText(record.post_url);
  return {
    signals: [
      {
        id: likeId(id, liker.uuid),
        network: TUMBLR,
        kind: 'like',
        actor: tumblrIdentity(liker.uuid),
        subject: tumblrIdentity(blog.uuid),
        at: liked.at,
        rawAt: liked.rawAt,
        ...(url === undefined ? {} : { object: { url } }),
      },
    ],
    identities: [blogIdentity(blog)],
    seconds: liked.seconds,
  };
}

/** A note on a blog's post (`/notes?mode=all`): a like, a reblog (`share`) or a reply, from the noting blog to the post's. */
export function noteSignal(post: RecentPost, item: unknown): TumblrRecordOutcome {
  const record = tumblrRecord(item);
  if (record === undefined) return outcome({ rejected: `expected a note object, received ${shown(item)}` });
  const when = tumblrInstant(record.timestamp);
  if (when === undefined) return outcome({ rejected: `timestamp: expected unix seconds, received ${shown(record.timestamp)}` });
  const type = tumblrText(record.type) ?? 'untyped';
  const seconds = when.seconds;
  if (type === 'posted') return outcome({ skipped: `the note of post ${post.id}'s own publication: no relationship in it`, seconds });
  if (type !== 'like' && type !== 'reblog' && type !== 'reply') return outcome({ skipped: `a "${type}" note: no signal for it`, seconds });
  const noter = blogUuid(record.blog_uuid);
  if (noter === undefined) return outcome({ skipped: `a ${type} note from ${shown(record.blog_name)} with no blog uuid`, seconds });
  if (noter === post.blog) return outcome({ skipped: `a ${type} note of the blog on its own post: no relationship in it`, seconds });
  const name = tumblrText(record.blog_name);
  const blogUrl = tumblrText(record.blog_url);
  const base = {
    network: TUMBLR,
    actor: tumblrIdentity(noter),
    subject: tumblrIdentity(post.blog),
    at: when.at,
    rawAt: when.rawAt,
  };
  const identities = [
    blogIdentity({ uuid: noter, ...(name === undefined ? {} : { name }), ...(blogUrl === undefined ? {} : { url: blogUrl }) }),
  ];
  const url = post.url;
  if (type === 'like')
    return {
      signals: [{ ...base, id: likeId(post.id, noter), kind: 'like', ...(url === undefined ? {} : { object: { url } }) }],
      identities,
      seconds,
    };
  if (type === 'reblog') {
    // The reblog's own id when the note gives it: the id its author's posts give the same share.
    const reblog = postId(record, 'post_id', 'post_id');
    const id =
      reblog === undefined ? signalId(TUMBLR, post.id, `reblog:${noter}:${seconds}`) : signalId(TUMBLR, reblog, `share:${post.blog}`);
    return { signals: [{ ...base, id, kind: 'share', ...(url === undefined ? {} : { object: { url } }) }], identities, seconds };
  }
  const text = tumblrText(record.reply_text);
  return {
    signals: [{ ...base, id: signalId(TUMBLR, post.id, `reply:${noter}:${seconds}`), kind: 'reply', object: compact({ url, text }) }],
    identities,
    seconds,
  };
}
