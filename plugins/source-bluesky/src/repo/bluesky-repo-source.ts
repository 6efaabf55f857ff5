import { stat } from 'node:fs/promises';
import {
  type IdentityReport,
  inject,
  injectable,
  PluginContext,
  type Rejection,
  type Signal,
  type SourceBatch,
  type SourceContribution,
  type SourceRequest,
} from '@handshake/sdk';
import * as dagCbor from '@ipld/dag-cbor';
import { blueskyIdentity, profileWebUrl } from '../bluesky-identity.js';
import { BlueskyReadError } from '../bluesky-read-error.js';
import { LEGACY_COLLECTIONS, legacyRecordNote, recordSignals } from '../records/record-signals.js';
import { recordUri } from '../syntax/at-uri.js';
import { isNsid } from '../syntax/nsid.js';
import { isRecordKey } from '../syntax/record-key.js';
import { BlueskyRepoOptions } from './bluesky-repo-options.js';
import { CarBlocks } from './car-blocks.js';
import { fetchRepo, latestCommit } from './fetch-repo.js';
import { pdsAddress } from './pds-address.js';
import { decodeRepoCommit } from './repo-commit.js';
import { parseRepoCursor, type RepoCursor } from './repo-cursor.js';
import { walkMst } from './walk-mst.js';

/** Signals per batch: a batch is committed in one transaction and holds whole records. */
const BATCH_SIGNALS = 2000;
/** Records per batch, so a repository of records that yield nothing (legacy ones) still commits its place. */
const BATCH_RECORDS = 5000;

/** A CAR ready to walk, with what names it in cursors and rejections. */
interface OpenedRepo {
  readonly blocks: CarBlocks;
  /** The file, or the getRepo URL: where rejections say a record was. */
  readonly where: string;
  /** What the cursor compares: the file's SHA-256, or the commit CID. */
  readonly content: string;
  /** The DID the repository must belong to, when it was fetched for one. */
  readonly expectedDid?: string;
}

/**
 * Reads a Bluesky repository: the CAR a user exports (Settings → Export my data) or the one
 * `com.atproto.sync.getRepo` serves. The CAR holds the signed commit, the Merkle search tree (MST) of the
 * records, and often old commits and old nodes too; the records are those the tree reached from the commit's
 * `data` holds, walked in key order. Follows, blocks, likes, reposts and posts become signals (posts as the
 * `bluesky` kind reads them, so one record has one id and one time from either kind); the profile names the
 * owner; legacy 2022–2023 record types are skipped, counted with their type.
 */
@injectable()
export class BlueskyRepoSource implements SourceContribution<BlueskyRepoOptions> {
  readonly kind = 'bluesky-repo';
  readonly options = BlueskyRepoOptions;

  constructor(@inject(PluginContext) private readonly context: PluginContext) {}

  async *read(request: SourceRequest<BlueskyRepoOptions>): AsyncIterable<SourceBatch> {
    const previous = parseRepoCursor(request.cursor);
    const repo = await this.open(request, previous);
    if (repo === undefined) return;
    try {
      if (previous?.content === repo.content && previous.done) {
        this.context.logger.debug({ source: request.sourceId, repo: repo.where }, 'bluesky repository unchanged');
        return;
      }
      yield* this.walk(repo, request, previous?.content === repo.content ? previous.after : undefined);
    } finally {
      await repo.blocks.close();
    }
  }

  /** Opens the file, or fetches the repository unless its latest commit is the one already read. */
  private async open(request: SourceRequest<BlueskyRepoOptions>, previous: RepoCursor | undefined): Promise<OpenedRepo | undefined> {
    const { path, did, service, plcDirectory } = request.options;
    if (path !== undefined) {
      try {
        await stat(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new BlueskyReadError(`cannot open ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
          cause: error,
        });
      }
      try {
        const file = await CarBlocks.fromFile(path);
        return { blocks: file.blocks, where: path, content: file.sha256 };
      } catch (error) {
        throw new BlueskyReadError(`cannot read ${path}: not a CAR file (${(error as Error).message})`, { cause: error });
      }
    }
    const repoDid = did as string;
    const pds = service ?? (await pdsAddress(this.context.http, repoDid, plcDirectory, request.abort));
    const latest = await latestCommit(this.context.http, pds, repoDid, request.abort);
    if (latest !== undefined && previous?.done && previous.content === latest.cid) {
      this.context.logger.debug({ source: request.sourceId, did: repoDid, rev: latest.rev }, 'bluesky repository unchanged');
      return undefined;
    }
    const fetched = await fetchRepo(this.context.http, pds, repoDid, request.abort);
    let blocks: CarBlocks;
    try {
      blocks = await CarBlocks.fromBytes(fetched.bytes);
    } catch (error) {
      throw new BlueskyReadError(`cannot read ${fetched.url}: not a CAR (${(error as Error).message})`, { cause: error });
    }
    const root = blocks.roots[0];
    return { blocks, where: fetched.url, content: root === undefined ? '' : root.toString(), expectedDid: repoDid };
  }

  private async *walk(
    repo: OpenedRepo,
    request: SourceRequest<BlueskyRepoOptions>,
    after: string | undefined,
  ): AsyncGenerator<SourceBatch> {
    const { blocks, where } = repo;
    const root = blocks.roots[0];
    if (root === undefined) throw new BlueskyReadError(`${where}: the CAR names no root commit`);
    const rootBytes = await blocks.get(root);
    if (rootBytes === undefined) throw new BlueskyReadError(`${where}: the root commit ${root.toString()} is not in the CAR`);
    const commit = decodeRepoCommit(rootBytes);
    if (typeof commit === 'string') throw new BlueskyReadError(`${where}: ${commit}`);
    if (repo.expectedDid !== undefined && commit.did !== repo.expectedDid) {
      throw new BlueskyReadError(`${where}: the repository served is ${commit.did}'s, not ${repo.expectedDid}'s`);
    }
    const owner: IdentityReport = {
      ...blueskyIdentity(commit.did),
      url: profileWebUrl(commit.did),
      ...(request.options.owner ? { owner: true } : {}),
    };

    let signals: Signal[] = [];
    let wheres: string[] = [];
    let identities: IdentityReport[] = [owner];
    let rejected: Rejection[] = [];
    let skipped: Rejection[] = [];
    let records = 0;
    let done = 0;
    let lastKey = after;
    const batch = (finished: boolean): SourceBatch => {
      const located = wheres;
      const cursor: RepoCursor = {
        version: 1,
        content: repo.content,
        ...(commit.rev === undefined ? {} : { rev: commit.rev }),
        ...(lastKey === undefined ? {} : { after: lastKey }),
        done: finished,
      };
      return {
        signals,
        where: (index) => located[index] ?? where,
        identities,
        rejected,
        skipped,
        cursor: JSON.stringify(cursor),
        progress: { done, unit: 'records' },
      };
    };

    for await (const item of walkMst(blocks, commit.data, after)) {
      if (item.kind === 'unreadable-node') {
        rejected.push({ where: `${where}: MST node ${item.cid.toString()}`, reason: item.reason });
        continue;
      }
      lastKey = item.key;
      records++;
      done++;
      const [collection = '', rkey = '', ...rest] = item.key.split('/');
      const location = `${where}: ${item.key}`;
      if (rest.length > 0 || !isNsid(collection) || !isRecordKey(rkey)) {
        rejected.push({ where: location, reason: 'the MST key is not <collection>/<record key>' });
      } else if (LEGACY_COLLECTIONS.has(collection)) {
        // Known by its key alone: a partial export that lacks the block still counts it as what it is.
        skipped.push({ where: location, reason: legacyRecordNote(collection) });
      } else {
        const bytes = await blocks.get(item.cid);
        let value: unknown;
        let unreadable: string | undefined;
        if (bytes === undefined) unreadable = 'the record is not in the CAR (a partial export)';
        else {
          try {
            value = dagCbor.decode(bytes);
          } catch (error) {
            unreadable = `the record is not DAG-CBOR (${(error as Error).message})`;
          }
        }
        if (unreadable !== undefined) rejected.push({ where: location, reason: unreadable });
        else {
          const outcome = recordSignals({
            uri: { uri: recordUri(commit.did, collection, rkey), authority: commit.did, collection, rkey },
            value,
          });
          if (outcome.rejected !== undefined) rejected.push({ where: location, reason: outcome.rejected });
          for (const note of outcome.notes) skipped.push({ where: location, reason: note });
          if (outcome.identity !== undefined) identities.push({ ...outcome.identity, ...(request.options.owner ? { owner: true } : {}) });
          for (const signal of outcome.signals) {
            signals.push(signal);
            wheres.push(location);
          }
        }
      }
      if (signals.length >= BATCH_SIGNALS || records >= BATCH_RECORDS) {
        if (request.abort.aborted) return;
        yield batch(false);
        signals = [];
        wheres = [];
        identities = [];
        rejected = [];
        skipped = [];
        records = 0;
      }
    }
    if (request.abort.aborted) return;
    this.context.logger.debug(
      { source: request.sourceId, repo: where, did: commit.did, rev: commit.rev, records: done },
      'bluesky repository read',
    );
    // A last batch even when empty: it commits the cursor, so the same content is not read again.
    yield batch(true);
  }
}
