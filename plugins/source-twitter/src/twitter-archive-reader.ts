import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  type Archive,
  type ArchiveEntry,
  ArchiveError,
  type IdentityRef,
  type IdentityReport,
  type Logger,
  openArchive,
  ownerIdentity,
  parseInstant,
  personalSiteIdentity,
  type Signal,
  type SourceBatch,
  type SourceRequest,
  streamJsonArray,
} from '@handshake/sdk';
import { ACCOUNT_LISTS, type AccountList, accountListSignal } from './account-list-signal.js';
import { parseArchiveCursor } from './archive-cursor.js';
import { type ArchiveManifest, parseArchiveManifest } from './archive-manifest.js';
import { BatchBuilder } from './batch-builder.js';
import { conversationSignals } from './conversation-signals.js';
import { DATA_FILES, type DataFilePlan, type DataType, planDataFiles } from './data-file-plan.js';
import { exportDigest } from './export-digest.js';
import { jsonObject } from './json-fields.js';
import { likeSignal } from './like-signal.js';
import { SnowflakeIndex } from './snowflake-index.js';
import { tweetSignals } from './tweet-signals.js';
import type { TwitterArchiveSourceOptions } from './twitter-archive-source.js';
import { idString, profileUrl, TWITTER, twitterIdentity } from './twitter-identity.js';

/** Where a record sits, for rejections: the entry, the element and its line, and any detail. */
type Locate = (detail?: string) => string;
/** Reads one array element; returns the signals of each fact it holds. */
type ElementHandler = (value: unknown, where: Locate, batch: BatchBuilder) => readonly (readonly Signal[])[];

/** Files holding the owner's tweets, in the order duplicates are resolved: the newest format wins. */
const TWEET_FILES: readonly DataType[] = ['tweets', 'tweet', 'communityTweet', 'deletedTweets'];
const CONVERSATION_FILES: readonly (readonly [DataType, boolean])[] = [
  ['directMessages', false],
  ['directMessagesGroup', true],
  ['directMessageHeaders', false],
  ['directMessageGroupHeaders', true],
];
/** Read for the owner's id only when nothing else gives it, and then only its first record. */
const OWNER_FALLBACK: DataType = 'tweetHeaders';

/**
 * One read of one archive, with the state it needs along the way: the owner, the ids of the
 * owner's tweets (to drop the copies a 2022 archive holds in both `tweet.js` and `tweets.js`, and
 * to name the author of liked tweets), the authors the tweets reveal, the message ids already
 * read, and the newest handle reported for each account. That state grows with the number of
 * tweets, messages and accounts, some tens of bytes each (ids are packed in `SnowflakeIndex`);
 * file contents are streamed, one element at a time.
 */
export class TwitterArchiveReader {
  private owner: IdentityRef = ownerIdentity(TWITTER);
  private ownerHandle: string | undefined;
  private ownerName: string | undefined;
  private ownerSite: IdentityRef | undefined;
  /** Every id of the owner's tweets, with the first id of each edited one. */
  private readonly ownTweets = new SnowflakeIndex();
  /** Authors of other people's tweets, from replies and quotes: status id → account id. */
  private readonly authors = new SnowflakeIndex();
  private readonly messages = new SnowflakeIndex();
  private readonly reported = new Map<string, { time: number; handle?: string; displayName?: string }>();
  private bytesRead = 0;

  constructor(
    private readonly request: SourceRequest<TwitterArchiveSourceOptions>,
    private readonly logger: Logger,
  ) {}

  async *read(): AsyncGenerator<SourceBatch> {
    // A tarball is unpacked to a temporary folder first: keep the data files, not the media.
    const archive = await openArchive(this.request.options.path, { want: (path) => /\.js$/i.test(path) });
    try {
      yield* this.readArchive(archive);
    } finally {
      await archive.dispose();
    }
  }

  private get aborted(): boolean {
    return this.request.abort.aborted;
  }

  private async *readArchive(archive: Archive): AsyncGenerator<SourceBatch> {
    const manifestEntry = archive.find('data/manifest.js');
    const manifestText = manifestEntry ? await archive.readText(manifestEntry) : undefined;
    const parsedManifest = manifestText === undefined ? undefined : parseArchiveManifest(manifestText);
    const manifest = parsedManifest?.ok ? parsedManifest.manifest : undefined;
    const plan = planDataFiles(archive, manifest, manifestEntry);
    if (plan.parts.size === 0 && !manifestEntry) {
      throw new ArchiveError(
        `cannot read ${archive.location} as a Twitter archive: it holds no data/manifest.js and none of ${Object.values(DATA_FILES)
          .map((name) => `data/${name}.js`)
          .join(', ')}`,
      );
    }
    const files = [...plan.parts].flatMap(([type, entries]) => (type === OWNER_FALLBACK ? [] : entries));
    const total = files.reduce((sum, entry) => sum + entry.size, 0);
    const digest = await exportDigest(archive, files, manifestText, { maxGroupSize: this.request.options.maxGroupSize });
    const cursor = parseArchiveCursor(this.request.cursor);
    if (cursor?.digest === digest && cursor.done) {
      this.logger.debug({ archive: archive.location }, 'archive unchanged since the last import');
      return;
    }
    const resumeAfter = cursor?.digest === digest ? (cursor.batches ?? 0) : 0;
    const batch = new BatchBuilder(digest, resumeAfter, () => ({ done: this.bytesRead, total, unit: 'bytes' }));
    if (parsedManifest && !parsedManifest.ok && manifestEntry) batch.reject(archive.describe(manifestEntry), parsedManifest.reason);
    for (const missing of plan.missing) batch.reject(missing.where, missing.reason);

    yield* this.readOwner(archive, plan, manifest, batch);
    if (this.aborted) return;
    for (const type of TWEET_FILES) {
      yield* this.each(archive, plan.parts.get(type), batch, (value, where, into) => this.tweet(value, where, into));
      if (this.aborted) return;
    }

    const timeless: readonly DataType[] = ['like', ...(Object.keys(ACCOUNT_LISTS) as AccountList[])];
    if (timeless.some((type) => plan.parts.has(type))) {
      const at = await this.generationTime(archive, manifest, manifestEntry, files, batch);
      yield* this.each(archive, plan.parts.get('like'), batch, (value, where, into) => this.like(value, where, into, at));
      if (this.aborted) return;
      for (const list of Object.keys(ACCOUNT_LISTS) as AccountList[]) {
        yield* this.each(archive, plan.parts.get(list), batch, (value, where, into) => this.listed(list, value, where, into, at));
        if (this.aborted) return;
      }
    }

    for (const [type, group] of CONVERSATION_FILES) {
      yield* this.each(archive, plan.parts.get(type), batch, (value, where, into) => this.conversation(value, where, into, group));
      if (this.aborted) return;
    }
    const last = batch.take(true);
    if (last) yield last;
  }

  /**
   * The owner: the manifest's `userInfo`, then `account.js`, which is the fuller record; the personal
   * site `profile.js` states; and, when neither names the owner's id, the first tweet header's
   * `user_id`. Without any, the owner is the placeholder the ledger links to `me`.
   */
  private async *readOwner(
    archive: Archive,
    plan: DataFilePlan,
    manifest: ArchiveManifest | undefined,
    batch: BatchBuilder,
  ): AsyncGenerator<SourceBatch> {
    let ownerId = idString(manifest?.userInfo?.accountId);
    this.ownerHandle = nonEmpty(manifest?.userInfo?.userName);
    this.ownerName = nonEmpty(manifest?.userInfo?.displayName);
    yield* this.each(archive, plan.parts.get('account'), batch, (value, where, into) => {
      const account = jsonObject(jsonObject(value)?.account);
      const id = idString(account?.accountId);
      if (!account || !id) into.reject(where(), 'expected {"account": {"accountId": ...}} with an id of digits');
      else {
        ownerId = id;
        this.ownerHandle = nonEmpty(account.username) ?? this.ownerHandle;
        this.ownerName = nonEmpty(account.accountDisplayName) ?? this.ownerName;
      }
      return [];
    });
    yield* this.each(archive, plan.parts.get('profile'), batch, (value) => {
      const website = nonEmpty(jsonObject(jsonObject(jsonObject(value)?.profile)?.description)?.website);
      // Usually a t.co link, which names no site; a plain link to a personal site is evidence of who runs it.
      this.ownerSite = (website && personalSiteIdentity(website)) || this.ownerSite;
      return [];
    });
    for (const entry of ownerId ? [] : (plan.parts.get(OWNER_FALLBACK) ?? [])) {
      ownerId ??= await this.firstTweetAuthor(archive, entry);
    }
    if (ownerId) this.owner = twitterIdentity(ownerId);
    else this.logger.warn({ archive: archive.location }, 'archive names no owner id: the owner is reported as the placeholder for me');
    batch.identity({
      ...this.owner,
      owner: true,
      ...(this.ownerHandle ? { handle: `@${this.ownerHandle}` } : {}),
      ...(this.ownerName ? { displayName: this.ownerName } : {}),
      ...(ownerId ? { url: profileUrl(ownerId) } : {}),
      ...(this.ownerSite ? { links: [{ to: this.ownerSite, evidence: 'same-site' as const }] } : {}),
    });
  }

  private async firstTweetAuthor(archive: Archive, entry: ArchiveEntry): Promise<string | undefined> {
    const stream = await archive.open(entry);
    try {
      for await (const item of streamJsonArray(stream as AsyncIterable<Buffer>, { skipPrefix: true })) {
        const id = item.ok ? idString(jsonObject(jsonObject(item.value)?.tweet)?.user_id) : undefined;
        if (id) return id;
      }
    } catch {
      // Only a hint: a damaged header file leaves the owner as the placeholder.
    } finally {
      stream.destroy();
    }
    return undefined;
  }

  private tweet(value: unknown, where: Locate, batch: BatchBuilder): readonly (readonly Signal[])[] {
    const mapped = tweetSignals(value, { owner: this.owner, ownerHandle: this.ownerHandle });
    if (!mapped.ok) {
      batch.reject(where(), mapped.reason);
      return [];
    }
    const tweet = mapped.tweet;
    const duplicate = this.ownTweets.has(tweet.key) || this.ownTweets.has(tweet.id);
    this.ownTweets.add(tweet.key);
    this.ownTweets.add(tweet.id);
    if (duplicate) return [];
    for (const { statusId, authorId } of tweet.authors) this.authors.set(statusId, authorId);
    for (const reason of tweet.skipped) batch.skip(where(), reason);
    for (const identity of tweet.identities) this.learn(identity, tweet.time, batch);
    return [tweet.signals];
  }

  /** Reports an account's handle and name once, and again only when a newer tweet shows them changed. */
  private learn(identity: IdentityReport, time: number, batch: BatchBuilder): void {
    const known = this.reported.get(identity.id);
    if (known && known.time >= time) return;
    this.reported.set(identity.id, {
      time,
      ...(identity.handle ? { handle: identity.handle } : {}),
      ...(identity.displayName ? { displayName: identity.displayName } : {}),
    });
    if (!known || known.handle !== identity.handle || known.displayName !== identity.displayName) batch.identity(identity);
  }

  private like(value: unknown, where: Locate, batch: BatchBuilder, at: string): readonly (readonly Signal[])[] {
    const mapped = likeSignal(value, this.owner, at, (tweetId) =>
      this.ownTweets.has(tweetId) ? this.owner.id : this.authors.get(tweetId),
    );
    if (!mapped.ok) batch.reject(where(), mapped.reason);
    else if ('skipped' in mapped) batch.skip(where(), mapped.skipped);
    else return [[mapped.signal]];
    return [];
  }

  private listed(list: AccountList, value: unknown, where: Locate, batch: BatchBuilder, at: string): readonly (readonly Signal[])[] {
    const mapped = accountListSignal(list, value, this.owner, at);
    if (!mapped.ok) batch.reject(where(), mapped.reason);
    return mapped.ok && mapped.signal ? [[mapped.signal]] : [];
  }

  private conversation(value: unknown, where: Locate, batch: BatchBuilder, group: boolean): readonly (readonly Signal[])[] {
    const mapped = conversationSignals(value, {
      owner: this.owner,
      group,
      maxGroupSize: this.request.options.maxGroupSize,
      seen: this.messages,
    });
    if (!mapped.ok) {
      batch.reject(where(), mapped.reason);
      return [];
    }
    for (const { message, reason } of mapped.conversation.rejected) batch.reject(where(`message ${message}`), reason);
    if (mapped.conversation.skipped) batch.skip(where(), mapped.conversation.skipped);
    return mapped.conversation.facts;
  }

  /**
   * When the archive was made, for records that carry no date of their own (follows, likes,
   * blocks, mutes): the manifest's `generationDate`, else the newest modification time of the
   * data files (of the zip itself, for a zip). Never the clock of the import, which would give
   * the same fact a new date on every run.
   */
  private async generationTime(
    archive: Archive,
    manifest: ArchiveManifest | undefined,
    manifestEntry: ArchiveEntry | undefined,
    files: readonly ArchiveEntry[],
    batch: BatchBuilder,
  ): Promise<string> {
    const stated = manifest?.archiveInfo?.generationDate;
    const parsed = stated === undefined ? undefined : parseInstant(stated);
    if (parsed) return parsed.iso;
    if (stated !== undefined && manifestEntry) {
      batch.reject(
        archive.describe(manifestEntry),
        `archiveInfo.generationDate: expected an ISO-8601 instant, received ${JSON.stringify(stated)}; using the files' modification time`,
      );
    }
    const location = archive.location;
    const info = await stat(location);
    let newest = info.mtimeMs;
    if (info.isDirectory()) {
      newest = 0;
      for (const entry of files) newest = Math.max(newest, (await stat(join(location, ...entry.path.split('/')))).mtimeMs);
    }
    return new Date(Math.floor(newest)).toISOString();
  }

  /**
   * Streams the elements of each file and hands them to `handle`, cutting a batch whenever one is
   * due. A bad element is rejected with its place and the rest still come; a file that is not an
   * array, or ends early, is rejected as a whole after what it held was read.
   */
  private async *each(
    archive: Archive,
    entries: readonly ArchiveEntry[] | undefined,
    batch: BatchBuilder,
    handle: ElementHandler,
  ): AsyncGenerator<SourceBatch> {
    for (const entry of entries ?? []) {
      if (this.aborted) return;
      const stream = await archive.open(entry);
      try {
        for await (const item of streamJsonArray(this.counted(stream), { skipPrefix: true })) {
          const where: Locate = (detail) =>
            `${archive.describe(entry)} (element ${item.index}, line ${item.line}${detail ? `, ${detail}` : ''})`;
          if (!item.ok) batch.reject(where(), item.reason);
          else {
            for (const fact of handle(item.value, where, batch)) {
              batch.add(fact);
              if (!batch.full) continue;
              const cut = batch.take(false);
              if (cut) yield cut;
              if (this.aborted) return;
            }
          }
          if (batch.full) {
            const cut = batch.take(false);
            if (cut) yield cut;
            if (this.aborted) return;
          }
        }
      } catch (error) {
        if (error instanceof SyntaxError) batch.reject(archive.describe(entry), error.message);
        else if (error instanceof ArchiveError) throw error;
        else throw new ArchiveError(`cannot read ${archive.describe(entry)}: ${(error as Error).message}`, { cause: error });
      } finally {
        stream.destroy();
      }
    }
  }

  /** The stream, counting the bytes read for the progress line. */
  private async *counted(stream: Readable): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      this.bytesRead += chunk.length;
      yield chunk;
    }
  }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
