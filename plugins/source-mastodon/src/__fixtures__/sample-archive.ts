/**
 * A small Mastodon archive in the real format, with the traps FORMATS.md lists: compact JSON, a
 * direct message among the posts, a boost whose object is a bare URI on a Misskey server, a reply
 * to a `/notes/` URI, hashtags and mentions (remote and local), an edited post, a poll, a status
 * that is not JSON, likes of a blog and of an Akkoma object, and `totalItems` that is not the count.
 */

export const OWNER = 'https://home.example/users/ada';
const FOLLOWERS = `${OWNER}/followers`;
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
export const DAN = 'https://far.example/users/dan';
export const BOB = 'https://home.example/users/bob';
export const CAROL = 'https://misskey.example/users/9carol';
export const EVE = 'https://near.example/users/eve';
export const MISSKEY_BOOSTED_AUTHOR = 'https://misskey.example/users/9xyz';

/** The latest time in the outbox: the edit of the edited post. */
export const LATEST_OUTBOX_TIME = '2024-02-03T10:00:00Z';

const CONTEXT = [
  'https://www.w3.org/ns/activitystreams',
  'https://w3id.org/security/v1',
  { Hashtag: 'as:Hashtag', sensitive: 'as:sensitive', toot: 'http://joinmastodon.org/ns#', conversation: 'ostatus:conversation' },
];

function status(id: number) {
  return `${OWNER}/statuses/${id}`;
}

function mention(href: string, name: string) {
  return `<span class="h-card" translate="no"><a href="${href.replace('/users/', '/@')}" class="u-url mention">@<span>${name}</span></a></span>`;
}

function hashtag(name: string) {
  return `<a href="https://home.example/tags/${name.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${name}</span></a>`;
}

function link(url: string) {
  const [scheme, rest] = url.split('://') as [string, string];
  return `<a href="${url}" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">${scheme}://</span><span class="ellipsis">${rest.slice(0, 20)}</span><span class="invisible">${rest.slice(20)}</span></a>`;
}

function create(id: number, published: string, note: Record<string, unknown>) {
  const to = (note.to as string[] | undefined) ?? [PUBLIC];
  const cc = (note.cc as string[] | undefined) ?? [FOLLOWERS];
  return {
    id: `${status(id)}/activity`,
    type: 'Create',
    actor: OWNER,
    published,
    to,
    cc,
    object: {
      id: status(id),
      type: 'Note',
      summary: null,
      inReplyTo: null,
      published,
      url: `https://home.example/@ada/${id}`,
      attributedTo: OWNER,
      sensitive: false,
      atomUri: status(id),
      inReplyToAtomUri: null,
      conversation: `tag:home.example,2024-01-02:objectId=${id}:objectType=Conversation`,
      attachment: [],
      tag: [],
      replies: { id: `${status(id)}/replies`, type: 'Collection', first: { type: 'CollectionPage', items: [] } },
      ...note,
      to,
      cc,
    },
  };
}

/** The outbox's elements as JSON text, one string each, so a broken element can sit among them. */
export function outboxElements(): string[] {
  const items: unknown[] = [
    create(1, '2024-01-02T03:04:05Z', {
      content: `<p>Shipping the new parser ${hashtag('Rust')} ${hashtag('rust')} ${hashtag('WebDev')}</p><p>Read ${link('https://dan.example/posts/2024/parsers-are-fun')} and ${link('https://github.com/ada/parser')}</p>`,
      tag: [
        { type: 'Hashtag', href: 'https://home.example/tags/rust', name: '#Rust' },
        { type: 'Hashtag', href: 'https://home.example/tags/webdev', name: '#WebDev' },
      ],
    }),
    create(2, '2024-01-03T08:00:00Z', {
      inReplyTo: `${DAN}/statuses/111`,
      cc: [FOLLOWERS, DAN, BOB],
      content: `<p>${mention(DAN, 'dan')} ${mention(BOB, 'bob')} agreed, and &quot;thanks&quot; for the tip!</p>`,
      tag: [
        { type: 'Mention', href: DAN, name: '@dan@far.example' },
        { type: 'Mention', href: BOB, name: '@bob' },
      ],
    }),
    create(3, '2024-01-04T09:00:00Z', {
      to: [DAN],
      cc: [],
      content: `<p>${mention(DAN, 'dan')} could you introduce me to your editor?</p>`,
      tag: [{ type: 'Mention', href: DAN, name: '@dan@far.example' }],
    }),
    {
      id: `${status(4)}/activity`,
      type: 'Announce',
      actor: OWNER,
      published: '2024-01-05T10:00:00Z',
      to: [PUBLIC],
      cc: [MISSKEY_BOOSTED_AUTHOR, FOLLOWERS],
      object: 'https://misskey.example/notes/9abc',
    },
    create(5, '2024-01-06T11:00:00Z', {
      inReplyTo: 'https://misskey.example/notes/9def',
      cc: [FOLLOWERS, CAROL],
      content: `<p>${mention(CAROL, 'carol')} same here</p>`,
      tag: [{ type: 'Mention', href: CAROL, name: '@carol@misskey.example' }],
    }),
    create(6, '2024-02-01T00:00:00Z', {
      updated: LATEST_OUTBOX_TIME,
      content: '<p>Edited: the talk is on Friday<br>not Thursday</p>',
    }),
    create(7, '2024-01-20T12:00:00Z', {
      to: [FOLLOWERS],
      cc: [EVE],
      content: `<p>${mention(EVE, 'eve')} followers only</p>`,
      tag: [{ type: 'Mention', href: EVE, name: '@eve@near.example' }],
    }),
    create(8, '2024-01-21T12:00:00Z', { inReplyTo: status(6), content: '<p>a thread continues</p>' }),
    create(9, '2024-01-22T12:00:00Z', { type: 'Question', content: '<p>tabs or spaces?</p>', oneOf: [] }),
    {
      id: `${status(10)}/activity`,
      type: 'Create',
      actor: OWNER,
      to: [PUBLIC],
      cc: [],
      object: { id: status(10), type: 'Note', content: '<p>no date</p>' },
    },
  ];
  const elements = items.map((item) => JSON.stringify(item));
  // Element 10 is not JSON at all: the rest must still come.
  elements.push('{"id":"broken","type":"Create",object:}');
  return elements;
}

export const OUTBOX_ITEM_COUNT = 11;

export function outboxJson(elements: readonly string[] = outboxElements()): string {
  const head = JSON.stringify({ '@context': CONTEXT, id: 'outbox.json', type: 'OrderedCollection', totalItems: 42 });
  return `${head.slice(0, -1)},"orderedItems":[${elements.join(',')}]}`;
}

export function actorJson(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    '@context': CONTEXT,
    id: OWNER,
    type: 'Person',
    following: `${OWNER}/following`,
    followers: FOLLOWERS,
    inbox: `${OWNER}/inbox`,
    outbox: 'outbox.json',
    preferredUsername: 'ada',
    name: 'Ada Lovelace',
    summary: '<p>Engines and notes.</p>',
    url: 'https://home.example/@ada',
    published: '2022-11-07T00:00:00Z',
    alsoKnownAs: ['https://old.example/users/ada'],
    attachment: [
      {
        type: 'PropertyValue',
        name: 'Blog',
        value:
          '<a href="https://ada.example/" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">ada.example/</span><span class="invisible"></span></a>',
        verified_at: '2023-05-01T10:00:00.000Z',
      },
      {
        type: 'PropertyValue',
        name: 'Work',
        value:
          '<a href="https://bigcorp.example" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">bigcorp.example</span><span class="invisible"></span></a>',
      },
    ],
    icon: { type: 'Image', mediaType: 'image/jpeg', url: 'avatar.jpg' },
    likes: 'likes.json',
    bookmarks: 'bookmarks.json',
    ...extra,
  });
}

export const LIKES = [
  `${DAN}/statuses/222`,
  'https://blog.example/2024/01/17/hello-world.html',
  'https://akkoma.example/objects/4a1c8ae8-30c5-4dbf-a06a-539b8cb816dc',
  `${OWNER}/statuses/6`,
];

export function likesJson(): string {
  // Newer archives drop totalItems here; a number where a URI belongs is a bad element.
  const items = [...LIKES.map((uri) => JSON.stringify(uri)), '42'];
  return `{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":[${items.join(',')}]}`;
}

export function bookmarksJson(): string {
  return JSON.stringify({
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: 'bookmarks.json',
    type: 'OrderedCollection',
    orderedItems: [`${DAN}/statuses/333`, 'https://misskey.example/notes/9ghi'],
  });
}

/** Every file of the archive, media included, as the zip holds them. */
export function sampleArchiveFiles(outbox: string = outboxJson()): Record<string, string | Buffer> {
  return {
    'actor.json': actorJson(),
    'outbox.json': outbox,
    'likes.json': likesJson(),
    'bookmarks.json': bookmarksJson(),
    'avatar.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    'media_attachments/files/111/222/333/original/4a5b6c.jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe1, 1, 2, 3]),
  };
}

/** following_accounts.csv: a header, Mastodon's rows, a quoted cell, a blank line, a bad row on line 5. */
export const FOLLOWING_CSV = [
  'Account address,Show boosts,Notify on new posts,Languages',
  'dan@far.example,true,false,',
  'bob@Home.Example,true,false,en',
  '"carol@misskey.example",false,true,"en,de"',
  'not-an-address,true,false,',
  '',
  'eve@near.example,true,false,',
  '',
].join('\n');
