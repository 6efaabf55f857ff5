import type { Archive, ArchiveEntry, Rejection } from '@handshake/sdk';
import type { ArchiveManifest } from './archive-manifest.js';

/**
 * The data types this plugin reads: the manifest's key for each, and the file name it is probed
 * by when the manifest is absent or does not list it (`tweets` → `data/tweets.js`,
 * `data/tweets-part1.js`, ...).
 */
export const DATA_FILES = {
  account: 'account',
  profile: 'profile',
  tweetHeaders: 'tweet-headers',
  tweets: 'tweets',
  tweet: 'tweet',
  communityTweet: 'community-tweet',
  deletedTweets: 'deleted-tweets',
  like: 'like',
  follower: 'follower',
  following: 'following',
  block: 'block',
  mute: 'mute',
  directMessages: 'direct-messages',
  directMessagesGroup: 'direct-messages-group',
  directMessageHeaders: 'direct-message-headers',
  directMessageGroupHeaders: 'direct-message-group-headers',
} as const;

export type DataType = keyof typeof DATA_FILES;

/** Which files hold each data type, in reading order, and the manifest's complaints. */
export interface DataFilePlan {
  readonly parts: ReadonlyMap<DataType, readonly ArchiveEntry[]>;
  /** Files the manifest lists but the export does not hold. */
  readonly missing: readonly Rejection[];
}

/**
 * Finds every part of every data type. A type the manifest lists is read from the files it names,
 * in its order; any other type is found by probing file names, so a manifest that lists nothing, or
 * an archive without one (an excerpt, the 2022 archives that hold both `tweet.js` and `tweets.js`),
 * is still read whole.
 */
export function planDataFiles(
  archive: Archive,
  manifest: ArchiveManifest | undefined,
  manifestEntry: ArchiveEntry | undefined,
): DataFilePlan {
  const parts = new Map<DataType, ArchiveEntry[]>();
  const missing: Rejection[] = [];
  for (const type of Object.keys(DATA_FILES) as DataType[]) {
    const listed = manifest?.dataTypes?.[type]?.files ?? [];
    const found: ArchiveEntry[] = [];
    for (const file of listed) {
      const entry = archive.find(file.fileName);
      if (entry) {
        if (!found.includes(entry)) found.push(entry);
      } else if (manifestEntry) {
        missing.push({
          where: archive.describe(manifestEntry),
          reason: `lists ${file.fileName} (${type}), which the export does not hold`,
        });
      }
    }
    const entries = listed.length > 0 ? found : probe(archive, DATA_FILES[type]);
    if (entries.length > 0) parts.set(type, entries);
  }
  return { parts, missing };
}

/**
 * Data files named `<name>.js` or `<name>-part<N>.js` in a `data/` folder (or at the top, for an
 * export unpacked flat), in part order. The folder matters: the archive's HTML viewer has its own
 * scripts under `assets/`.
 */
function probe(archive: Archive, name: string): ArchiveEntry[] {
  const pattern = new RegExp(`^${name.replace(/-/g, '[-_]')}(?:-part(\\d+))?\\.js$`, 'i');
  const found: { entry: ArchiveEntry; part: number }[] = [];
  for (const entry of archive.entries) {
    const segments = entry.path.split('/');
    const file = segments.at(-1) ?? '';
    const folder = segments.at(-2);
    if (folder !== undefined && folder.toLowerCase() !== 'data') continue;
    const match = pattern.exec(file);
    if (match) found.push({ entry, part: Number(match[1] ?? 0) });
  }
  return found.sort((a, b) => a.part - b.part).map((item) => item.entry);
}
