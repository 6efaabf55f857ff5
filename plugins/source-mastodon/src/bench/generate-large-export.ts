import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StreamingZipWriter } from '@handshake/testing';

const OWNER = 'https://bench.example/users/ada';
const FOLLOWERS = `${OWNER}/followers`;
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
/** Mastodon's archive name: its generation time and a random hex part. */
const ARCHIVE_NAME = 'archive-20240723184000-5f0c2e8a9b7d4c1e8f3a6b2d9c0e7f14.zip';
const GENERATED_AT = new Date('2024-07-23T18:40:00Z');
/** Media is a small share of a real archive's files once the outbox is large; a few keep the layout real. */
const MEDIA_FILES = 24;

const WORDS =
  'the a our new old small train museum bike chain park library bread cafe bridge river lunch meeting notes slides package weather sunset hills recipe castle boxes concert tickets jacket rain folder team plan steps book reading garden'.split(
    ' ',
  );
const TAGS = ['rust', 'typescript', 'maps', 'cycling', 'photography', 'books', 'fediverse', 'opensource', 'coffee', 'music'];
const SITES = [
  'https://dan.example/posts/',
  'https://blog.example.org/20',
  'https://github.com/example/',
  'https://www.example.net/notes/',
];

interface Person {
  readonly actor: string;
  readonly name: string;
  readonly host: string;
  /** How the person's server names statuses: Mastodon, Misskey (`/notes/`) or Akkoma (`/objects/`). */
  readonly software: 'mastodon' | 'misskey' | 'akkoma';
}

/** A small seeded generator (mulberry32): the same size gives the same archive on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Synth {
  private readonly random: () => number;
  readonly people: Person[] = [];
  private time = Date.parse('2022-11-08T03:07:14Z');
  private counter = 0;

  constructor(seed: number) {
    this.random = seeded(seed);
    for (let index = 0; index < 800; index++) {
      const roll = this.random();
      const software = roll < 0.8 ? 'mastodon' : roll < 0.92 ? 'misskey' : 'akkoma';
      const host = `${['social', 'toot', 'camp', 'fedi', 'coast', 'grove', 'notes', 'town'][index % 8]}${Math.floor(index / 8) % 40}.example`;
      const name = `${this.pick(WORDS)}${index}`;
      this.people.push({
        actor: software === 'misskey' ? `https://${host}/users/9${index.toString(36)}x` : `https://${host}/users/${name}`,
        name,
        host,
        software,
      });
    }
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  /** Random bytes, as compressed media are. */
  bytes(length: number): Buffer {
    const bytes = Buffer.alloc(length);
    for (let offset = 0; offset < length; offset++) bytes[offset] = Math.floor(this.random() * 256);
    return bytes;
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  sentence(): string {
    const length = 6 + Math.floor(this.random() * 30);
    return Array.from({ length }, () => this.pick(WORDS)).join(' ');
  }

  /** Mastodon's snowflake-like ids: time-ordered digits. */
  nextId(): string {
    this.counter++;
    return `${109317553478706061n + BigInt(this.counter) * 65536n + BigInt(Math.floor(this.random() * 65536))}`;
  }

  nextTime(): string {
    this.time += Math.floor(this.random() * 6 * 3600 * 1000);
    return new Date(Math.floor(this.time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  statusOf(person: Person): string {
    if (person.software === 'misskey') return `https://${person.host}/notes/${this.nextId().slice(-10)}`;
    if (person.software === 'akkoma') return `https://${person.host}/objects/${this.nextId()}-4dbf-a06a-539b8cb816dc`;
    return `${person.actor}/statuses/${this.nextId()}`;
  }
}

function mentionHtml(person: Person): string {
  return `<span class="h-card" translate="no"><a href="https://${person.host}/@${person.name}" class="u-url mention">@<span>${person.name}</span></a></span>`;
}

function linkHtml(url: string): string {
  const rest = url.replace(/^https:\/\//, '');
  return `<a href="${url}" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="ellipsis">${rest.slice(0, 30)}</span><span class="invisible">${rest.slice(30)}</span></a>`;
}

/** One outbox element in Mastodon's shape: a Create of a Note (public, followers-only, direct, a reply) or an Announce. */
function outboxItem(synth: Synth): unknown {
  const id = synth.nextId();
  const uri = `${OWNER}/statuses/${id}`;
  const published = synth.nextTime();
  if (synth.chance(0.12)) {
    const author = synth.pick(synth.people);
    return {
      id: `${uri}/activity`,
      type: 'Announce',
      actor: OWNER,
      published,
      to: [PUBLIC],
      cc: [author.actor, FOLLOWERS],
      object: synth.statusOf(author),
    };
  }
  const mentioned: Person[] = [];
  const tags: unknown[] = [];
  let inReplyTo: string | null = null;
  const direct = synth.chance(0.05);
  if (direct || synth.chance(0.3)) {
    const other = synth.pick(synth.people);
    mentioned.push(other);
    if (!direct || synth.chance(0.5)) inReplyTo = synth.statusOf(other);
  }
  if (synth.chance(0.1)) mentioned.push(synth.pick(synth.people));
  let html = `<p>${mentioned.map(mentionHtml).join(' ')} ${synth.sentence()}.</p>`;
  for (const person of mentioned) tags.push({ type: 'Mention', href: person.actor, name: `@${person.name}@${person.host}` });
  if (synth.chance(0.3)) {
    const tag = synth.pick(TAGS);
    html += `<p><a href="https://bench.example/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a></p>`;
    tags.push({ type: 'Hashtag', href: `https://bench.example/tags/${tag}`, name: `#${tag}` });
  }
  if (synth.chance(0.3))
    html += `<p>${linkHtml(`${synth.pick(SITES)}${synth.nextId().slice(-6)}/${synth.pick(WORDS)}-${synth.pick(WORDS)}/`)}</p>`;
  const to = direct ? mentioned.map((person) => person.actor) : synth.chance(0.06) ? [FOLLOWERS] : [PUBLIC];
  const cc = direct ? [] : [...(to[0] === PUBLIC ? [FOLLOWERS] : []), ...mentioned.map((person) => person.actor)];
  const edited = synth.chance(0.03);
  return {
    id: `${uri}/activity`,
    type: 'Create',
    actor: OWNER,
    published,
    to,
    cc,
    object: {
      id: uri,
      type: synth.chance(0.01) ? 'Question' : 'Note',
      summary: null,
      inReplyTo,
      published,
      ...(edited ? { updated: new Date(Date.parse(published) + 90_000).toISOString().replace('.000Z', 'Z') } : {}),
      url: `https://bench.example/@ada/${id}`,
      attributedTo: OWNER,
      to,
      cc,
      sensitive: false,
      atomUri: uri,
      inReplyToAtomUri: inReplyTo,
      conversation: `tag:bench.example,${published.slice(0, 10)}:objectId=${id.slice(-8)}:objectType=Conversation`,
      content: html,
      contentMap: { en: html },
      attachment: synth.chance(0.1)
        ? [
            {
              type: 'Document',
              mediaType: 'image/jpeg',
              url: `/benchexample/media_attachments/files/${id.slice(0, 3)}/${id.slice(3, 6)}/original/${id.slice(-16)}.jpeg`,
              name: synth.sentence(),
              width: 1440,
              height: 1081,
            },
          ]
        : [],
      tag: tags,
      replies: {
        id: `${uri}/replies`,
        type: 'Collection',
        first: { type: 'CollectionPage', next: `${uri}/replies?only_other_accounts=true&page=true`, partOf: `${uri}/replies`, items: [] },
      },
    },
  };
}

/** The outbox as Mastodon writes it: compact JSON, the collection's head, then the items, streamed in chunks. */
async function* outboxJson(synth: Synth, targetBytes: number, items: { count: number }): AsyncGenerator<string> {
  const head = JSON.stringify({
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      { ostatus: 'http://ostatus.org#', atomUri: 'ostatus:atomUri', conversation: 'ostatus:conversation' },
    ],
    id: 'outbox.json',
    type: 'OrderedCollection',
    // Mastodon's statuses_count: close to the item count, never equal to it.
    totalItems: Math.round(targetBytes / 1900),
  });
  let written = head.length;
  let chunk = `${head.slice(0, -1)},"orderedItems":[`;
  while (written < targetBytes) {
    const item = JSON.stringify(outboxItem(synth));
    chunk += items.count === 0 ? item : `,${item}`;
    written += item.length + 1;
    items.count++;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]}`;
}

function collection(id: string, uris: readonly string[]): Buffer {
  return Buffer.from(
    JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id, type: 'OrderedCollection', orderedItems: uris }),
  );
}

/**
 * Writes a synthetic Mastodon archive zip whose files hold about `targetBytes` (what a reader
 * parses; most of it `outbox.json`, deflated in the zip as Mastodon does, so the zip file itself is
 * several times smaller). The content is realistic in shape and mix: boosts of bare URIs on three
 * kinds of server, replies, mentions, hashtags, links, direct messages, followers-only and edited
 * statuses, polls, likes and bookmarks, a little media. The same size gives the same archive.
 * Returns the zip's path.
 */
export async function generateLargeExport(folder: string, targetBytes: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, ARCHIVE_NAME);
  const synth = new Synth(targetBytes);
  // Deflated JSON and stored media, as Mastodon's archive service writes them.
  const zip = await StreamingZipWriter.create(path, GENERATED_AT);
  const actor = {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: OWNER,
    type: 'Person',
    following: `${OWNER}/following`,
    followers: FOLLOWERS,
    inbox: `${OWNER}/inbox`,
    outbox: 'outbox.json',
    preferredUsername: 'ada',
    name: 'Ada Bench',
    summary: '<p>A synthetic account for benchmarks.</p>',
    url: 'https://bench.example/@ada',
    published: '2022-11-07T00:00:00Z',
    attachment: [
      { type: 'PropertyValue', name: 'Web', value: `<a href="https://ada.example" rel="nofollow noopener noreferrer me">ada.example</a>` },
    ],
    icon: { type: 'Image', mediaType: 'image/jpeg', url: 'avatar.jpg' },
    likes: 'likes.json',
    bookmarks: 'bookmarks.json',
  };
  await zip.add('actor.json', JSON.stringify(actor));
  // Likes and bookmarks hold URIs only (about 90 bytes each); the outbox gets the rest of the budget.
  const likeCount = Math.min(50_000, Math.floor(targetBytes / 8_000));
  const bookmarkCount = Math.floor(likeCount / 10);
  const items = { count: 0 };
  await zip.addStream('outbox.json', outboxJson(synth, targetBytes - (likeCount + bookmarkCount) * 90, items));
  const likes = Array.from({ length: likeCount }, () =>
    synth.chance(0.03) ? `https://blog.example.org/2024/01/${synth.nextId().slice(-4)}.html` : synth.statusOf(synth.pick(synth.people)),
  );
  await zip.add('likes.json', collection('likes.json', likes));
  await zip.add(
    'bookmarks.json',
    collection(
      'bookmarks.json',
      Array.from({ length: bookmarkCount }, () => synth.statusOf(synth.pick(synth.people))),
    ),
  );
  for (let index = 0; index < MEDIA_FILES; index++) {
    const bytes = synth.bytes(synth.chance(0.5) ? 8_000 : 3_000);
    await zip.add(
      `media_attachments/files/109/${String(index).padStart(3, '0')}/original/${index.toString(16).padStart(16, '0')}.jpeg`,
      bytes,
      { store: true },
    );
  }
  await zip.add('avatar.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), { store: true });
  await zip.close();
  return path;
}
