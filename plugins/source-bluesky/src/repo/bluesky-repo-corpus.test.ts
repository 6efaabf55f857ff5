import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPluginModule, runSource, type SourceRun } from '@handshake/testing';
import { CarReader } from '@ipld/car';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { afterAll, describe, expect, it } from 'vitest';
import { blueskySourceModule } from '../index.js';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = join(repositoryRoot, '../shared/corpus/bluesky/indigo-testdata-car');
const present = existsSync(corpus);
const files = present ? readdirSync(corpus).filter((name) => name.endsWith('.car')) : [];

/** What the MST holds, counted apart from the source: a plain recursive walk over a CAR read whole. */
interface TreeCount {
  readonly did: string;
  /** rkeys per collection, of every key the tree reached. */
  readonly keys: Map<string, Set<string>>;
  /** Keys whose record block the CAR lacks. */
  readonly missingRecords: number;
  readonly missingNodes: number;
  /** Records of each type in the CAR's blocks, reachable from the commit or not. */
  readonly blockTypes: Map<string, number>;
}

async function countTree(file: string): Promise<TreeCount> {
  const reader = await CarReader.fromBytes(readFileSync(join(corpus, file)));
  const [root] = await reader.getRoots();
  const commit = dagCbor.decode((await reader.get(root as CID))?.bytes as Uint8Array) as { did: string; data: CID };
  const keys = new Map<string, Set<string>>();
  let missingRecords = 0;
  let missingNodes = 0;
  const walk = async (cid: CID): Promise<void> => {
    const block = await reader.get(cid);
    if (!block) {
      missingNodes++;
      return;
    }
    const node = dagCbor.decode(block.bytes) as { l: CID | null; e: { p: number; k: Uint8Array; v: CID; t: CID | null }[] };
    if (node.l) await walk(node.l);
    let previous = '';
    for (const entry of node.e) {
      const key = previous.slice(0, entry.p) + new TextDecoder().decode(entry.k);
      previous = key;
      const [collection = '', rkey = ''] = key.split('/');
      keys.set(collection, (keys.get(collection) ?? new Set()).add(rkey));
      if (!(await reader.has(entry.v))) missingRecords++;
      if (entry.t) await walk(entry.t);
    }
  };
  await walk(commit.data);
  const blockTypes = new Map<string, number>();
  for await (const block of reader.blocks()) {
    const value = dagCbor.decode(block.bytes) as { $type?: unknown };
    if (typeof value?.$type === 'string') blockTypes.set(value.$type, (blockTypes.get(value.$type) ?? 0) + 1);
  }
  return { did: commit.did, keys, missingRecords, missingNodes, blockTypes };
}

/** The record a report names: `<file>: <collection>/<rkey>`. */
function recordAt(where: string): [string, string] | undefined {
  const match = /: ([a-zA-Z0-9.-]+)\/([^/\s]+)$/.exec(where);
  return match ? [match[1] as string, match[2] as string] : undefined;
}

/** The record a signal id names, for records known by their AT-URI. */
function recordOf(id: string): [string, string] | undefined {
  const match = /^bluesky:at:\/\/[^/]+\/([^/]+)\/([^#]+)/.exec(id);
  return match ? [match[1] as string, match[2] as string] : undefined;
}

const plugin = loadPluginModule(blueskySourceModule);
afterAll(() => plugin.dispose());

describe.skipIf(!present)(
  'bluesky-repo on the CAR exports of ../shared/corpus (skipped when ../shared/corpus is absent on this machine)',
  () => {
    const runs = new Map<string, Promise<SourceRun>>();
    const run = (file: string) => {
      let running = runs.get(file);
      if (!running) {
        running = runSource(plugin.source('bluesky-repo'), { path: join(corpus, file) });
        runs.set(file, running);
      }
      return running;
    };

    it.each(files)('%s: every record the MST reaches is read, skipped or rejected', async (file) => {
      const tree = await countTree(file);
      const result = await run(file);
      const accounted = new Map<string, Set<string>>();
      const add = (record: [string, string] | undefined) => {
        if (record) accounted.set(record[0], (accounted.get(record[0]) ?? new Set()).add(record[1]));
      };
      for (const signal of result.signals) add(recordOf(signal.id));
      for (const report of [...result.skipped, ...result.rejected]) add(recordAt(report.where));
      const read = new Set(result.signals.map((signal) => recordOf(signal.id)?.join('/')));
      expect(result.rejected.filter((report) => read.has(recordAt(report.where)?.join('/')))).toEqual([]);
      const follows = tree.keys.get('app.bsky.graph.follow')?.size ?? 0;
      const followReports = [...result.skipped, ...result.rejected].filter(
        (report) => recordAt(report.where)?.[0] === 'app.bsky.graph.follow',
      );
      // Follows are known by who follows whom, not by URI: counted by their signals.
      expect(result.signals.filter((signal) => signal.kind === 'follow').length + followReports.length).toBe(follows);
      for (const [collection, rkeys] of tree.keys) {
        if (collection === 'app.bsky.graph.follow') continue;
        if (collection === 'app.bsky.actor.profile') {
          expect(result.identities.some((identity) => identity.owner && identity.displayName !== undefined)).toBe(true);
          continue;
        }
        expect([...(accounted.get(collection) ?? [])].sort(), collection).toEqual([...rkeys].sort());
      }
      // One post signal per post record read: a post is never counted twice, nor a rejected one once.
      const rejectedPosts = result.rejected.filter((report) => recordAt(report.where)?.[0] === 'app.bsky.feed.post').length;
      expect(result.signals.filter((signal) => signal.kind === 'post').length).toBe(
        (tree.keys.get('app.bsky.feed.post')?.size ?? 0) - rejectedPosts,
      );
      expect(result.identities.find((identity) => identity.owner)?.id).toBe(tree.did);
    });

    it.each(files)('%s: yields nothing when read again unchanged', async (file) => {
      const first = await run(file);
      const again = await runSource(plugin.source('bluesky-repo'), { path: join(corpus, file) }, { cursor: first.cursor });
      expect(again.batches).toBe(0);
    });

    it('reads the repository with legacy records without error, and only the records its tree holds', async () => {
      const file = 'paul_staging.repo.car';
      const tree = await countTree(file);
      const result = await run(file);
      expect(result.rejected).toEqual([]);
      // Old commits keep votes, confirmations and a declaration as blocks; the current tree holds none of them.
      expect(tree.blockTypes.get('app.bsky.feed.vote')).toBe(54);
      expect(result.signals.some((signal) => signal.id.includes('app.bsky.feed.vote'))).toBe(false);
      // 17 follow records are in the blocks, 8 in the tree.
      expect(tree.blockTypes.get('app.bsky.graph.follow')).toBe(17);
      expect(result.signals.filter((signal) => signal.kind === 'follow')).toHaveLength(8);
      // Posts that mention with legacy `entities` are kept as posts; their entities are counted as skipped.
      const legacyEntities = result.skipped.filter((report) => report.reason.startsWith('legacy entities'));
      expect(legacyEntities).toHaveLength(23);
      expect(legacyEntities[0]?.where).toMatch(/paul_staging\.repo\.car: app\.bsky\.feed\.post\/3j[a-z2-7]{11}$/);
      // Posts with legacy blobs ({cid, mimeType}) and quotes read like any other.
      const quoteShares = result.signals.filter((signal) => signal.kind === 'share' && signal.id.endsWith('#quote'));
      expect(quoteShares.length).toBeGreaterThan(0);
    });

    it('reads a partial export: the records it lacks are rejected with their key, a legacy one is skipped by its key', async () => {
      const file = 'repo_slice.car';
      const tree = await countTree(file);
      const result = await run(file);
      expect(tree.missingNodes).toBe(1);
      expect(result.rejected.filter((report) => report.where.includes(': MST node '))).toHaveLength(1);
      expect(result.rejected.filter((report) => report.reason === 'the record is not in the CAR (a partial export)')).toHaveLength(
        tree.missingRecords - 1,
      );
      expect(result.skipped).toContainEqual({
        where: `${join(corpus, file)}: app.bsky.system.declaration/self`,
        reason: 'legacy record type app.bsky.system.declaration: no fact read from it',
      });
    });

    it('normalizes client-asserted -07:00 times to UTC and keeps the text', async () => {
      const result = await run('fakermaker.repo.car');
      const follow = result.signals.find((signal) => signal.kind === 'follow' && signal.rawAt === '2023-04-26T00:08:50-07:00');
      expect(follow?.at).toBe('2023-04-26T07:08:50Z');
    });
  },
);
