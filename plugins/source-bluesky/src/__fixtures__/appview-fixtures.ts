import { createHash } from 'node:crypto';

/**
 * Builders of AppView answers in the exact shapes of the lexicons (`app.bsky.actor.defs`,
 * `app.bsky.feed.defs`, `app.bsky.embed.*`, `app.bsky.richtext.facet`): no recorded AppView answer exists,
 * so the tests write their own. Unions carry `$type`, as the AppView sends them.
 */

/** A CID-shaped string, stable for a given seed. */
export function cidFor(seed: string): string {
  const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = createHash('sha256').update(seed).digest();
  let text = 'bafyrei';
  for (let index = 0; text.length < 59; index++) text += base32[(digest[index % digest.length] as number) % 32];
  return text;
}

export interface Person {
  readonly did: string;
  readonly handle: string;
  readonly displayName?: string;
}

/** `app.bsky.actor.defs#profileViewBasic`: authors and reposters in feeds. */
export function profileViewBasic(person: Person) {
  return {
    did: person.did,
    handle: person.handle,
    ...(person.displayName === undefined ? {} : { displayName: person.displayName }),
    avatar: `https://cdn.bsky.app/img/avatar/plain/${person.did}/${cidFor(person.did)}@jpeg`,
    associated: { chat: { allowIncoming: 'following' } },
    viewer: { muted: false, blockedBy: false },
    labels: [],
    createdAt: '2023-04-20T18:39:11.512Z',
  };
}

/** `app.bsky.actor.defs#profileView`: the items of follow lists. */
export function profileView(person: Person) {
  return {
    ...profileViewBasic(person),
    description: `${person.displayName ?? person.handle} on Bluesky`,
    indexedAt: '2024-11-02T10:11:12.345Z',
  };
}

/** `app.bsky.actor.defs#profileViewDetailed`: `getProfile` and `getProfiles`. */
export function profileViewDetailed(person: Person, counts: { follows: number; followers: number; posts?: number }, website?: string) {
  return {
    ...profileView(person),
    banner: `https://cdn.bsky.app/img/banner/plain/${person.did}/${cidFor(`${person.did}/banner`)}@jpeg`,
    ...(website === undefined ? {} : { website }),
    followersCount: counts.followers,
    followsCount: counts.follows,
    postsCount: counts.posts ?? 0,
    pinnedPost: { uri: `at://${person.did}/app.bsky.feed.post/3kpinnedpost22`, cid: cidFor('pinned') },
  };
}

/** A facet over a byte range. */
export function facet(byteStart: number, byteEnd: number, ...features: Record<string, unknown>[]) {
  return { $type: 'app.bsky.richtext.facet', index: { byteStart, byteEnd }, features };
}

export const mentionFeature = (did: string) => ({ $type: 'app.bsky.richtext.facet#mention', did });
export const linkFeature = (uri: string) => ({ $type: 'app.bsky.richtext.facet#link', uri });
export const tagFeature = (tag: string) => ({ $type: 'app.bsky.richtext.facet#tag', tag });

/** The byte range of `part` inside `text`, as UTF-8 bytes: what a facet's index holds. */
export function byteRange(text: string, part: string): [number, number] {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)), 'utf8');
  return [start, start + Buffer.byteLength(part, 'utf8')];
}

export const strongRef = (uri: string) => ({ uri, cid: cidFor(uri) });

/** An `app.bsky.feed.post` record. */
export function postRecord(fields: { text: string; createdAt: string } & Record<string, unknown>) {
  return { $type: 'app.bsky.feed.post', langs: ['en'], ...fields };
}

/** `app.bsky.feed.defs#postView`. */
export function postView(author: Person, rkey: string, record: Record<string, unknown>, indexedAt: string, embed?: unknown) {
  const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;
  return {
    $type: 'app.bsky.feed.defs#postView',
    uri,
    cid: cidFor(uri),
    author: profileViewBasic(author),
    record,
    ...(embed === undefined ? {} : { embed }),
    bookmarkCount: 0,
    replyCount: 0,
    repostCount: 1,
    likeCount: 3,
    quoteCount: 0,
    indexedAt,
    viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false },
    labels: [],
  };
}

/** `app.bsky.feed.defs#notFoundPost`: the post a reply answers was deleted. */
export const notFoundPost = (uri: string) => ({ $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true });

/** `app.bsky.feed.defs#blockedPost`. */
export const blockedPost = (uri: string, did: string) => ({
  $type: 'app.bsky.feed.defs#blockedPost',
  uri,
  blocked: true,
  author: { did, viewer: { blockedBy: true } },
});

/** `app.bsky.feed.defs#reasonRepost`. */
export function reasonRepost(by: Person, rkey: string, indexedAt: string) {
  const uri = `at://${by.did}/app.bsky.feed.repost/${rkey}`;
  return { $type: 'app.bsky.feed.defs#reasonRepost', by: profileViewBasic(by), uri, cid: cidFor(uri), indexedAt };
}

/** `app.bsky.embed.record#view` of a quoted post. */
export function recordEmbedView(quoted: ReturnType<typeof postView>) {
  return {
    $type: 'app.bsky.embed.record#view',
    record: {
      $type: 'app.bsky.embed.record#viewRecord',
      uri: quoted.uri,
      cid: quoted.cid,
      author: quoted.author,
      value: quoted.record,
      labels: [],
      likeCount: 0,
      replyCount: 0,
      repostCount: 0,
      quoteCount: 1,
      indexedAt: quoted.indexedAt,
      embeds: [],
    },
  };
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** A TID minted at an instant: the record key a PDS gives a record written then. */
export function tidAt(iso: string, clockId = 7): string {
  let value = ((BigInt(Date.parse(iso)) * 1000n) << 10n) | BigInt(clockId);
  let text = '';
  for (let index = 0; index < 13; index++) {
    text = (TID_ALPHABET[Number(value & 31n)] as string) + text;
    value >>= 5n;
  }
  return text;
}
