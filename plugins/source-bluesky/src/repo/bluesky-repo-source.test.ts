import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@handshake/sdk';
import { FixtureServer, loadPluginModule, RecordingLogger, runSource, temporaryFolder } from '@handshake/testing';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { byteRange, facet, mentionFeature, strongRef, tidAt } from '../__fixtures__/appview-fixtures.js';
import { type TestRecord, writeRepoCar } from '../__fixtures__/write-repo-car.js';
import { blueskySourceModule } from '../index.js';
import { CarBlocks } from './car-blocks.js';
import { walkMst } from './walk-mst.js';

const ada = 'did:plc:ada2ada2ada2ada2ada2ada2';
const dan = 'did:plc:dan3dan3dan3dan3dan3dan3';
const eve = 'did:plc:eve4eve4eve4eve4eve4eve4';
const gil = 'did:plc:gil6gil6gil6gil6gil6gil6';
const hal = 'did:plc:hal7hal7hal7hal7hal7hal7';

const danPost = `at://${dan}/app.bsky.feed.post/${tidAt('2025-10-01T10:00:00Z')}`;
const evePost = `at://${eve}/app.bsky.feed.post/${tidAt('2025-10-02T10:00:00Z')}`;
const mentionText = '👋🏽 hello @dan.example.com!';
const keys = {
  follow: `app.bsky.graph.follow/${tidAt('2025-09-01T10:00:00Z')}`,
  selfFollow: `app.bsky.graph.follow/${tidAt('2025-09-01T11:00:00Z')}`,
  block: `app.bsky.graph.block/${tidAt('2025-09-02T10:00:00Z')}`,
  like: `app.bsky.feed.like/${tidAt('2025-10-03T10:00:00Z')}`,
  badLike: `app.bsky.feed.like/${tidAt('2025-10-03T11:00:00Z')}`,
  repost: `app.bsky.feed.repost/${tidAt('2025-10-04T10:00:00Z')}`,
  mention: `app.bsky.feed.post/${tidAt('2025-10-05T10:00:00Z')}`,
  reply: `app.bsky.feed.post/${tidAt('2025-10-06T10:00:00Z')}`,
  vote: 'app.bsky.feed.vote/3jhspk2n64c2u',
  threadgate: `app.bsky.feed.threadgate/${tidAt('2025-10-06T10:00:00Z')}`,
};

const records: TestRecord[] = [
  {
    key: 'app.bsky.actor.profile/self',
    value: { $type: 'app.bsky.actor.profile', displayName: 'Ada', website: 'https://ada.example.org/' },
  },
  { key: keys.follow, value: { $type: 'app.bsky.graph.follow', subject: dan, createdAt: '2025-09-01T03:00:00.000-07:00' } },
  { key: keys.selfFollow, value: { $type: 'app.bsky.graph.follow', subject: ada, createdAt: '2025-09-01T11:00:00.000Z' } },
  { key: keys.block, value: { $type: 'app.bsky.graph.block', subject: gil, createdAt: '2025-09-02T10:00:00.000Z' } },
  { key: keys.like, value: { $type: 'app.bsky.feed.like', subject: strongRef(evePost), createdAt: '2025-10-03T10:00:00.000Z' } },
  {
    key: keys.badLike,
    value: {
      $type: 'app.bsky.feed.like',
      subject: { uri: 'https://bsky.app/not-an-at-uri', cid: 'x' },
      createdAt: '2025-10-03T11:00:00.000Z',
    },
  },
  { key: keys.repost, value: { $type: 'app.bsky.feed.repost', subject: strongRef(danPost), createdAt: '2025-10-04T10:00:00.000Z' } },
  {
    key: keys.mention,
    value: {
      $type: 'app.bsky.feed.post',
      text: mentionText,
      // The skin-tone emoji is 8 UTF-8 bytes and 4 UTF-16 units before the mention.
      facets: [facet(...byteRange(mentionText, '@dan.example.com'), mentionFeature(dan))],
      // A client clock a year ahead: the record key says when it was written.
      createdAt: '2026-10-05T10:00:00.000Z',
    },
  },
  {
    key: keys.reply,
    value: {
      $type: 'app.bsky.feed.post',
      text: 'Agreed, and see Eve on it',
      reply: { root: strongRef(danPost), parent: strongRef(danPost) },
      embed: { $type: 'app.bsky.embed.record', record: strongRef(evePost) },
      createdAt: '2025-10-06T10:00:00.000Z',
    },
  },
  {
    key: keys.vote,
    value: { $type: 'app.bsky.feed.vote', subject: strongRef(danPost), direction: 'up', createdAt: '2022-12-06T23:47:07.609Z' },
  },
  { key: keys.threadgate, value: { $type: 'app.bsky.feed.threadgate', post: danPost, allow: [], createdAt: '2025-10-06T10:00:00.000Z' } },
];

/** Two layers: every third key (by character sum) sits above the others, so the walk goes through `l` and `t`. */
const twoLayers = (key: string) => ([...key].reduce((sum, character) => sum + character.charCodeAt(0), 0) % 3 === 0 ? 1 : 0);

const adaRepo = () =>
  writeRepoCar({
    did: ada,
    records,
    rev: '3m5abcdefgh22',
    layerOf: twoLayers,
    // An unfollowed account: its record is still a block of an old commit, but the tree no longer reaches it.
    history: [{ $type: 'app.bsky.graph.follow', subject: hal, createdAt: '2024-01-01T00:00:00.000Z' }],
  });

const plugin = loadPluginModule(blueskySourceModule, { clock: new ManualClock('2025-11-25T10:00:00Z'), logger: new RecordingLogger() });
const server = new FixtureServer();
beforeAll(() => server.start());
afterEach(() => server.reset());
afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

async function writeCar(bytes: Buffer): Promise<string> {
  const path = join(await temporaryFolder('bluesky-repo-'), 'repo.car');
  await writeFile(path, bytes);
  return path;
}

describe('bluesky-repo source on a CAR file', () => {
  it('walks the tree from the commit and maps each record type', async () => {
    const path = await writeCar(await adaRepo());
    const run = await runSource(plugin.source('bluesky-repo'), { path });
    const uri = (key: string) => `at://${ada}/${key}`;
    expect(run.signals.map((signal) => [signal.id, signal.kind, signal.subject.id, signal.at, signal.rawAt])).toEqual([
      [`bluesky:${uri(keys.like)}`, 'like', eve, '2025-10-03T10:00:00Z', '2025-10-03T10:00:00.000Z'],
      [`bluesky:${uri(keys.mention)}`, 'post', ada, '2025-10-05T10:00:00Z', '2026-10-05T10:00:00.000Z'],
      [`bluesky:${uri(keys.mention)}#mention:${dan}`, 'mention', dan, '2025-10-05T10:00:00Z', '2026-10-05T10:00:00.000Z'],
      [`bluesky:${uri(keys.reply)}`, 'post', ada, '2025-10-06T10:00:00Z', '2025-10-06T10:00:00.000Z'],
      [`bluesky:${uri(keys.reply)}#reply`, 'reply', dan, '2025-10-06T10:00:00Z', '2025-10-06T10:00:00.000Z'],
      [`bluesky:${uri(keys.reply)}#quote`, 'share', eve, '2025-10-06T10:00:00Z', '2025-10-06T10:00:00.000Z'],
      [`bluesky:${uri(keys.repost)}`, 'share', dan, '2025-10-04T10:00:00Z', '2025-10-04T10:00:00.000Z'],
      [`bluesky:${uri(keys.block)}`, 'block', gil, '2025-09-02T10:00:00Z', '2025-09-02T10:00:00.000Z'],
      [`bluesky:follow:${ada}>${dan}`, 'follow', dan, '2025-09-01T10:00:00Z', '2025-09-01T03:00:00.000-07:00'],
    ]);
    expect(run.signals.find((signal) => signal.kind === 'like')?.object).toEqual({
      url: `https://bsky.app/profile/${eve}/post/${evePost.split('/').pop()}`,
    });
    expect(run.rejected).toEqual([{ where: `${path}: ${keys.badLike}`, reason: 'subject.uri: expected the AT-URI of a record' }]);
    expect(run.skipped).toEqual([
      { where: `${path}: ${keys.threadgate}`, reason: 'app.bsky.feed.threadgate: no relationship fact in this record type' },
      { where: `${path}: ${keys.vote}`, reason: 'legacy record type app.bsky.feed.vote: no fact read from it' },
      { where: `${path}: ${keys.selfFollow}`, reason: "a follow of the author's own account" },
    ]);
    expect(run.identities).toEqual([
      { network: 'bluesky', id: ada, url: `https://bsky.app/profile/${ada}`, owner: true },
      {
        network: 'bluesky',
        id: ada,
        url: `https://bsky.app/profile/${ada}`,
        displayName: 'Ada',
        links: [{ to: { network: 'web', id: 'https://ada.example.org' }, evidence: 'same-site' }],
        owner: true,
      },
    ]);
  });

  it("reads someone else's repository without making them the user when owner is false", async () => {
    const run = await runSource(plugin.source('bluesky-repo'), { path: await writeCar(await adaRepo()), owner: false });
    expect(run.identities.some((identity) => identity.owner)).toBe(false);
    expect(run.signals.length).toBeGreaterThan(0);
  });

  it('yields nothing for an unchanged file, reads a changed one, and resumes after the last key committed', async () => {
    const bytes = await adaRepo();
    const path = await writeCar(bytes);
    const source = plugin.source('bluesky-repo');
    const first = await runSource(source, { path });
    expect(await runSource(source, { path }, { cursor: first.cursor })).toMatchObject({ batches: 0, signals: [] });

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stopped = JSON.stringify({ version: 1, content: sha256, after: keys.reply, done: false });
    const resumed = await runSource(source, { path }, { cursor: stopped });
    expect(resumed.signals.map((signal) => signal.kind)).toEqual(['share', 'block', 'follow']);

    await writeFile(path, await writeRepoCar({ did: ada, records: records.slice(0, 3), layerOf: twoLayers }));
    const changed = await runSource(source, { path }, { cursor: first.cursor });
    expect(changed.signals.map((signal) => signal.id)).toEqual([`bluesky:follow:${ada}>${dan}`]);
  });

  it('fails with the file named when it is missing or not a CAR', async () => {
    const source = plugin.source('bluesky-repo');
    const folder = await temporaryFolder('bluesky-repo-');
    await expect(runSource(source, { path: join(folder, 'absent.car') })).rejects.toThrow(
      `cannot open ${join(folder, 'absent.car')}: no such file`,
    );
    const zip = join(folder, 'export.zip');
    await writeFile(zip, Buffer.from('PK\u0003\u0004 not a car'));
    await expect(runSource(source, { path: zip })).rejects.toThrow(`cannot read ${zip}: not a CAR file`);
  });

  it('refuses options that name both a file and a DID, or neither', () => {
    const options = plugin.source('bluesky-repo').options;
    expect(options.safeParse({ path: 'a.car', did: ada }).success).toBe(false);
    expect(options.safeParse({}).success).toBe(false);
    expect(options.safeParse({ did: 'alice.bsky.social' }).success).toBe(false);
    expect(options.safeParse({ did: ada, service: 'https://pds.example.net' }).success).toBe(true);
  });
});

describe('walking the MST', () => {
  it('yields every key in order, rebuilding prefix-compressed keys, and starts after a key without reading what is before', async () => {
    const many: TestRecord[] = Array.from({ length: 300 }, (_, index) => ({
      key: `app.bsky.graph.follow/${tidAt(new Date(Date.UTC(2024, 0, 1) + index * 3_600_000).toISOString())}`,
      value: { $type: 'app.bsky.graph.follow', subject: dan, createdAt: '2024-01-01T00:00:00.000Z' },
    }));
    const blocks = await CarBlocks.fromBytes(await writeRepoCar({ did: ada, records: many }));
    const root = blocks.roots[0] as CID;
    const commit = dagCbor.decode((await blocks.get(root)) as Uint8Array) as { data: CID };
    const walked: string[] = [];
    for await (const item of walkMst(blocks, commit.data)) if (item.kind === 'record') walked.push(item.key);
    const sorted = many.map((record) => record.key).sort();
    expect(walked).toEqual(sorted);

    const after = sorted[200] as string;
    const rest: string[] = [];
    for await (const item of walkMst(blocks, commit.data, after)) if (item.kind === 'record') rest.push(item.key);
    expect(rest).toEqual(sorted.slice(201));
  });
});

describe('bluesky-repo source over getRepo', () => {
  async function serveRepo(bytes: Buffer, options: { latestCommit?: boolean; contentType?: string } = {}) {
    const root = await CarBlocks.fromBytes(bytes).then(
      (blocks) => blocks.roots[0]?.toString() ?? '',
      () => 'bafyreinotacar',
    );
    const latest = server.route({
      path: '/xrpc/com.atproto.sync.getLatestCommit',
      query: { did: ada },
      responses:
        options.latestCommit === false
          ? { status: 404, body: { error: 'MethodNotImplemented' } }
          : { body: { cid: root, rev: '3m5abcdefgh22' } },
    });
    const repo = server.route({
      path: '/xrpc/com.atproto.sync.getRepo',
      query: { did: ada },
      responses: { headers: { 'content-type': options.contentType ?? 'application/vnd.ipld.car' }, body: bytes },
    });
    return { latest, repo, root };
  }

  it('fetches the CAR from the PDS, reads it as a file would be read, and skips the download while the commit is the same', async () => {
    const bytes = await adaRepo();
    const { repo, root } = await serveRepo(bytes);
    const source = plugin.source('bluesky-repo');
    const fromFile = await runSource(source, { path: await writeCar(bytes) });
    const first = await runSource(source, { did: ada, service: server.url });
    expect(first.signals).toEqual(fromFile.signals);
    expect(first.rejected[0]?.where).toBe(`${server.url}/xrpc/com.atproto.sync.getRepo?did=${encodeURIComponent(ada)}: ${keys.badLike}`);
    expect(JSON.parse(first.cursor as string)).toEqual({
      version: 1,
      content: root,
      rev: '3m5abcdefgh22',
      after: keys.selfFollow,
      done: true,
    });

    const second = await runSource(source, { did: ada, service: server.url }, { cursor: first.cursor });
    expect(second.batches).toBe(0);
    expect(repo.hits).toBe(1);
  });

  it('finds the PDS in the DID document, and downloads when the PDS does not say its latest commit', async () => {
    await serveRepo(await adaRepo(), { latestCommit: false });
    server.route({
      path: `/${ada}`,
      responses: {
        body: {
          '@context': ['https://www.w3.org/ns/did/v1'],
          id: ada,
          alsoKnownAs: ['at://ada.bsky.social'],
          service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: server.url }],
        },
      },
    });
    const run = await runSource(plugin.source('bluesky-repo'), { did: ada, plcDirectory: server.url });
    expect(run.signals).toHaveLength(9);
  });

  it('refuses an answer that is not a CAR, or the repository of another account, naming the URL', async () => {
    await serveRepo(Buffer.from('<html>maintenance</html>'), { contentType: 'text/html' });
    const source = plugin.source('bluesky-repo');
    const url = `${server.url}/xrpc/com.atproto.sync.getRepo?did=${encodeURIComponent(ada)}`;
    await expect(runSource(source, { did: ada, service: server.url })).rejects.toThrow(`${url} answered text/html, not a CAR`);

    server.reset();
    await serveRepo(await writeRepoCar({ did: eve, records: records.slice(0, 2) }));
    await expect(runSource(source, { did: ada, service: server.url })).rejects.toThrow(
      `${url}: the repository served is ${eve}'s, not ${ada}'s`,
    );
  });
});
