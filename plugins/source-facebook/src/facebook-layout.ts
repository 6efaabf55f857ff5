import { type Archive, type ArchiveEntry, looseName } from '@handshake/sdk';

/** The lists of people, each one file in each layout. */
export type RelationListKind = 'friends' | 'removedFriends' | 'sentRequests' | 'receivedRequests' | 'following' | 'followers';

/** One conversation: its folder and its `message_N.json` parts in order. */
export interface MessageThread {
  /** The thread's folder name (`846463217692670`, `danexample_ab12cd`): stable across exports. */
  readonly id: string;
  /** Where the thread sits under `messages/`: inbox, archived_threads, message_requests, ... */
  readonly folder: string;
  readonly parts: readonly ArchiveEntry[];
}

/** The files of a Facebook export that this source reads, found whatever the layout's year. */
export interface FacebookLayout {
  readonly profile?: ArchiveEntry;
  readonly lists: Readonly<Partial<Record<RelationListKind, ArchiveEntry>>>;
  readonly posts: readonly ArchiveEntry[];
  readonly timelinePosts: readonly ArchiveEntry[];
  readonly comments: readonly ArchiveEntry[];
  readonly reactions: readonly ArchiveEntry[];
  readonly threads: readonly MessageThread[];
  /** The layout's era, for the log: the folder names changed in 2021 and in 2024. */
  readonly era: '2018' | '2021' | '2024' | 'unknown';
}

/**
 * Where each list sits, newest layout first: 2024 `connections/...`, 2021 `friends_and_followers/...`,
 * 2018 `friends/...` and `following_and_followers/...`. Matched at a folder boundary, ignoring case,
 * spaces, underscores, hyphens and apostrophes, so `who_youve_followed.json` still counts.
 */
const LIST_PATHS: Readonly<Record<RelationListKind, readonly string[]>> = {
  friends: [
    'connections/friends/your_friends.json',
    'friends_and_followers/your_friends.json',
    'friends_and_followers/friends.json',
    'friends/your_friends.json',
    'friends/friends.json',
  ],
  removedFriends: [
    'connections/friends/removed_friends.json',
    'friends_and_followers/removed_friends.json',
    'friends/removed_friends.json',
  ],
  sentRequests: [
    'connections/friends/sent_friend_requests.json',
    'friends_and_followers/sent_friend_requests.json',
    'friends_and_followers/friend_requests_sent.json',
    'friends/sent_friend_requests.json',
  ],
  receivedRequests: [
    'connections/friends/received_friend_requests.json',
    'friends_and_followers/received_friend_requests.json',
    'friends_and_followers/friend_requests_received.json',
    'friends/received_friend_requests.json',
  ],
  following: [
    "connections/followers/who_you've_followed.json",
    "friends_and_followers/who_you've_followed.json",
    'friends_and_followers/following.json',
    'following_and_followers/following.json',
  ],
  followers: [
    'connections/followers/people_who_followed_you.json',
    'friends_and_followers/people_who_followed_you.json',
    'friends_and_followers/followers.json',
    'following_and_followers/followers.json',
  ],
};

const PROFILE_PATH = 'profile_information/profile_information.json';

/** In loose form (see `loose`): `your_posts_1.json`, `your_posts__check_ins__photos_and_videos_1.json`, 2018's `your_posts.json`. */
const POSTS_FILE = /^yourposts(?:checkinsphotosandvideos)?\d*\.json$/;
const TIMELINE_POSTS_FILE = /^otherpeoplesposts(?:to|on)yourtimeline\d*\.json$/;
const COMMENTS_FILE = /^comments\d*\.json$/;
const COMMENTS_FOLDERS: ReadonlySet<string> = new Set(['comments', 'commentsandreactions']);
const REACTIONS_FILE = /^(?:postsandcomments|likesandreactions)\d*\.json$/;
const REACTIONS_FOLDERS: ReadonlySet<string> = new Set(['likesandreactions', 'commentsandreactions']);
/** `message.json` (early 2018) or `message_1.json`, `message_2.json`, ... */
const MESSAGE_PART = /^message(?:_(\d+))?\.json$/i;

function loose(path: string): string {
  return looseName(path).replace(/['’]/g, '');
}

function endsWithPath(path: string, suffix: string): boolean {
  const loosePath = loose(path);
  const looseSuffix = loose(suffix);
  return loosePath === looseSuffix || loosePath.endsWith(`/${looseSuffix}`);
}

function segments(entry: ArchiveEntry): string[] {
  return entry.path.split('/');
}

/** The loose name of the folder holding an entry, and of the file itself. */
function folderAndFile(entry: ArchiveEntry): { folder: string; file: string } {
  const parts = segments(entry);
  return { folder: loose(parts.at(-2) ?? ''), file: loose(parts.at(-1) ?? '') };
}

/** Sorts entries by the number at the end of their name, so `_10` follows `_9`. */
function byPartNumber(a: ArchiveEntry, b: ArchiveEntry): number {
  const number = (entry: ArchiveEntry) => Number(/(\d+)\.json$/i.exec(entry.path)?.[1] ?? 0);
  return number(a) - number(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function findThreads(archive: Archive): MessageThread[] {
  const threads = new Map<string, { id: string; folder: string; parts: ArchiveEntry[] }>();
  for (const entry of archive.entries) {
    const parts = segments(entry);
    const file = parts.at(-1) ?? '';
    if (!MESSAGE_PART.test(file)) continue;
    const messages = parts.map((part) => part.toLowerCase()).lastIndexOf('messages');
    // messages/<folder>/<thread>/message_1.json, or 2018's messages/<thread>/message.json
    const below = parts.slice(messages + 1, -1);
    if (messages < 0 || below.length < 1 || below.length > 2) continue;
    const id = below.at(-1) as string;
    const folder = below.length === 2 ? (below[0] as string).toLowerCase() : 'inbox';
    const key = parts.slice(0, -1).join('/');
    const thread = threads.get(key) ?? { id, folder, parts: [] };
    thread.parts.push(entry);
    threads.set(key, thread);
  }
  return [...threads.keys()].sort().map((key) => {
    const thread = threads.get(key) as MessageThread & { parts: ArchiveEntry[] };
    return { ...thread, parts: thread.parts.sort(byPartNumber) };
  });
}

function eraOf(archive: Archive): FacebookLayout['era'] {
  const paths = archive.entries.map((entry) => loose(entry.path));
  if (paths.some((path) => /(^|\/)(connections|yourfacebookactivity|personalinformation)\//.test(path))) return '2024';
  if (paths.some((path) => /(^|\/)(friendsandfollowers|commentsandreactions)\//.test(path))) return '2021';
  if (paths.some((path) => /(^|\/)(friends|followingandfollowers|likesandreactions|comments|posts|messages)\//.test(path))) return '2018';
  return 'unknown';
}

/**
 * Finds the files this source reads in any of Facebook's JSON layouts (2018, 2021, 2024), by
 * the path suffixes each layout uses. Files of other kinds (photos, ads, logins) are left alone.
 */
export function findFacebookLayout(archive: Archive): FacebookLayout {
  const lists: Partial<Record<RelationListKind, ArchiveEntry>> = {};
  for (const [kind, paths] of Object.entries(LIST_PATHS) as [RelationListKind, readonly string[]][]) {
    for (const path of paths) {
      const entry = archive.entries.find((candidate) => endsWithPath(candidate.path, path));
      if (entry) {
        lists[kind] = entry;
        break;
      }
    }
  }
  const where = (test: (place: { folder: string; file: string }) => boolean) =>
    archive.filter((entry) => test(folderAndFile(entry))).sort(byPartNumber);
  return {
    profile: archive.entries.find((entry) => endsWithPath(entry.path, PROFILE_PATH)),
    lists,
    posts: where(({ folder, file }) => folder === 'posts' && POSTS_FILE.test(file)),
    timelinePosts: where(({ folder, file }) => folder === 'posts' && TIMELINE_POSTS_FILE.test(file)),
    comments: where(({ folder, file }) => COMMENTS_FOLDERS.has(folder) && COMMENTS_FILE.test(file)),
    reactions: where(({ folder, file }) => REACTIONS_FOLDERS.has(folder) && REACTIONS_FILE.test(file)),
    threads: findThreads(archive),
    era: eraOf(archive),
  };
}

/** The known files found, by kind, for the log line that tells the user what was read. */
export function describeLayout(layout: FacebookLayout): Record<string, string | number> {
  const found: Record<string, string | number> = {};
  if (layout.profile) found.profile = layout.profile.path;
  for (const [kind, entry] of Object.entries(layout.lists)) if (entry) found[kind] = entry.path;
  const counted = { posts: layout.posts, timelinePosts: layout.timelinePosts, comments: layout.comments, reactions: layout.reactions };
  for (const [kind, entries] of Object.entries(counted))
    if (entries.length > 0) found[kind] = entries.map((entry) => entry.path).join(', ');
  if (layout.threads.length > 0) found.messageThreads = layout.threads.length;
  return found;
}

/** Whether the layout holds anything this source reads. */
export function isEmptyLayout(layout: FacebookLayout): boolean {
  return Object.keys(describeLayout(layout)).length === 0;
}
