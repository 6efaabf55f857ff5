import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityReport, Rejection, Signal, SourceBatch } from '@handshake/sdk';
import { crawlPlan, temporaryFolder, writeFolder, writeTarGz, writeZip } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import {
  BOB,
  CAROL,
  DAN,
  EVE,
  FOLLOWING_CSV,
  LATEST_OUTBOX_TIME,
  MISSKEY_BOOSTED_AUTHOR,
  OWNER,
  outboxElements,
  outboxJson,
  sampleArchiveFiles,
} from '../__fixtures__/sample-archive.js';
import { MastodonArchiveSource } from './mastodon-archive-source.js';

interface Read {
  readonly batches: SourceBatch[];
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly cursor: string | undefined;
}

/** Runs the source as the host does, keeping what `runSource` drops: the skipped records and each batch. */
async function read(
  options: { path: string; following?: string },
  run: { cursor?: string; abort?: AbortController; stopAfter?: number } = {},
): Promise<Read> {
  const source = new MastodonArchiveSource();
  const batches: SourceBatch[] = [];
  for await (const batch of source.read({
    sourceId: 'mastodon',
    options: source.options.parse(options),
    cursor: run.cursor,
    abort: run.abort?.signal ?? new AbortController().signal,
    plan: crawlPlan(),
  })) {
    batches.push(batch);
    if (batches.length === run.stopAfter) run.abort?.abort();
  }
  return {
    batches,
    signals: batches.flatMap((batch) => batch.signals),
    identities: batches.flatMap((batch) => batch.identities ?? []),
    rejected: batches.flatMap((batch) => batch.rejected ?? []),
    skipped: batches.flatMap((batch) => batch.skipped ?? []),
    cursor: batches.at(-1)?.cursor ?? run.cursor,
  };
}

const FOLLOWING_TIME = '2024-03-01T12:00:00Z';

async function sampleExport(
  kind: 'zip' | 'tar.gz' | 'folder' = 'zip',
  files = sampleArchiveFiles(),
): Promise<{ path: string; following: string }> {
  const dir = await temporaryFolder();
  const following = join(dir, 'following_accounts.csv');
  await writeFile(following, FOLLOWING_CSV);
  await utimes(following, new Date(FOLLOWING_TIME), new Date(FOLLOWING_TIME));
  const name = 'archive-20240301120000-0123456789abcdef0123456789abcdef';
  const path =
    kind === 'zip'
      ? await writeZip(join(dir, `${name}.zip`), files)
      : kind === 'tar.gz'
        ? await writeTarGz(join(dir, `${name}.tar.gz`), files)
        : await writeFolder(join(dir, name), files);
  return { path, following };
}

const status = (id: number) => `${OWNER}/statuses/${id}`;

/** What a user reads in the ledger: kind, id, who to whom, when. */
function summary(signal: Signal): string {
  return `${signal.kind} ${signal.id} ${signal.actor.id} > ${signal.subject.id} @ ${signal.at}`;
}

describe('MastodonArchiveSource', () => {
  it('turns every relationship fact of the archive and the following CSV into signals', async () => {
    const { path, following } = await sampleExport();
    const run = await read({ path, following });
    expect(run.signals.map(summary)).toEqual([
      `post mastodon:${status(1)} ${OWNER} > ${OWNER} @ 2024-01-02T03:04:05Z`,
      `link mastodon:${status(1)}#link:https://dan.example ${OWNER} > https://dan.example @ 2024-01-02T03:04:05Z`,
      `post mastodon:${status(2)} ${OWNER} > ${OWNER} @ 2024-01-03T08:00:00Z`,
      `reply mastodon:${status(2)}#reply ${OWNER} > ${DAN} @ 2024-01-03T08:00:00Z`,
      `mention mastodon:${status(2)}#mention:${BOB} ${OWNER} > ${BOB} @ 2024-01-03T08:00:00Z`,
      `message mastodon:${status(3)}#message:${DAN} ${OWNER} > ${DAN} @ 2024-01-04T09:00:00Z`,
      `share mastodon:https://misskey.example/notes/9abc#share:${OWNER} ${OWNER} > ${MISSKEY_BOOSTED_AUTHOR} @ 2024-01-05T10:00:00Z`,
      `post mastodon:${status(5)} ${OWNER} > ${OWNER} @ 2024-01-06T11:00:00Z`,
      `mention mastodon:${status(5)}#mention:${CAROL} ${OWNER} > ${CAROL} @ 2024-01-06T11:00:00Z`,
      `post mastodon:${status(6)} ${OWNER} > ${OWNER} @ 2024-02-01T00:00:00Z`,
      `post mastodon:${status(7)} ${OWNER} > ${OWNER} @ 2024-01-20T12:00:00Z`,
      `mention mastodon:${status(7)}#mention:${EVE} ${OWNER} > ${EVE} @ 2024-01-20T12:00:00Z`,
      `post mastodon:${status(8)} ${OWNER} > ${OWNER} @ 2024-01-21T12:00:00Z`,
      `post mastodon:${status(9)} ${OWNER} > ${OWNER} @ 2024-01-22T12:00:00Z`,
      `like mastodon:${DAN}/statuses/222#like:${OWNER} ${OWNER} > ${DAN} @ ${LATEST_OUTBOX_TIME}`,
      `follow mastodon:follow:${OWNER}>${DAN} ${OWNER} > ${DAN} @ ${FOLLOWING_TIME}`,
      `follow mastodon:follow:${OWNER}>${BOB} ${OWNER} > ${BOB} @ ${FOLLOWING_TIME}`,
      `follow mastodon:follow:${OWNER}>${CAROL.replace('/9carol', '/carol')} ${OWNER} > https://misskey.example/users/carol @ ${FOLLOWING_TIME}`,
      `follow mastodon:follow:${OWNER}>${EVE} ${OWNER} > ${EVE} @ ${FOLLOWING_TIME}`,
    ]);
  });

  it('keeps text, hashtags and links on a post, and the participants on a message', async () => {
    const run = await read(await sampleExport());
    const byId = new Map(run.signals.map((signal) => [signal.id, signal]));
    expect(byId.get(`mastodon:${status(1)}`)?.object).toEqual({
      url: 'https://home.example/@ada/1',
      text: 'Shipping the new parser #Rust #rust #WebDev\n\nRead https://dan.example/posts/2024/parsers-are-fun and https://github.com/ada/parser',
      topics: ['rust', 'webdev'],
      links: ['https://dan.example/posts/2024/parsers-are-fun', 'https://github.com/ada/parser'],
    });
    expect(byId.get(`mastodon:${status(2)}#reply`)?.object?.text).toBe('@dan @bob agreed, and "thanks" for the tip!');
    expect(byId.get(`mastodon:${status(3)}#message:${DAN}`)?.object).toEqual({ url: 'https://home.example/@ada/3', participants: 2 });
    expect(byId.has(`mastodon:${status(3)}`)).toBe(false);
    expect(byId.get(`mastodon:${status(6)}`)?.object?.text).toBe('Edited: the talk is on Friday\nnot Thursday');
    expect(byId.get(`mastodon:https://misskey.example/notes/9abc#share:${OWNER}`)?.object).toEqual({
      url: 'https://misskey.example/notes/9abc',
    });
  });

  it('reports the owner as the user, with only the verified profile link, and the accounts it names', async () => {
    const run = await read(await sampleExport());
    const owner = run.identities.filter((identity) => identity.owner);
    expect(owner[0]).toEqual({
      network: 'mastodon',
      id: OWNER,
      owner: true,
      handle: '@ada@home.example',
      displayName: 'Ada Lovelace',
      url: 'https://home.example/@ada',
      links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'verified-link' }],
    });
    expect(owner.at(-1)?.followingCount).toBe(4);
    const handles = new Map(run.identities.filter((identity) => !identity.owner).map((identity) => [identity.id, identity.handle]));
    expect(handles.get(DAN)).toBe('@dan@far.example');
    expect(handles.get(BOB)).toBe('@bob@home.example');
    expect(handles.get(CAROL)).toBe('@carol@misskey.example');
    expect(handles.get('https://misskey.example/users/carol')).toBe('@carol@misskey.example');
  });

  it('reports bad records with their location and counts what holds no usable fact', async () => {
    const { path, following } = await sampleExport();
    const run = await read({ path, following });
    expect(run.rejected).toEqual([
      {
        where: `${path}!outbox.json:$.orderedItems[9] (line 1)`,
        reason: 'object.published: expected an ISO-8601 instant, received undefined',
      },
      { where: `${path}!outbox.json:$.orderedItems[10] (line 1)`, reason: expect.stringMatching(/^not valid JSON/) },
      { where: `${path}!likes.json:$.orderedItems[4] (line 1)`, reason: "expected the liked status's URI, received 42" },
      { where: `${following}:5`, reason: 'expected an account address such as user@host.example, received "not-an-address"' },
    ]);
    expect(run.skipped).toEqual([
      {
        where: `${path}!outbox.json:$.orderedItems[4] (line 1)`,
        reason: 'reply to https://misskey.example/notes/9def: its author is unknown (not a Mastodon status URI), counted as a post only',
      },
      {
        where: `${path}!likes.json:$.orderedItems[1] (line 1)`,
        reason: expect.stringContaining('like of https://blog.example/2024/01/17/hello-world.html: its author is unknown'),
      },
      { where: `${path}!likes.json:$.orderedItems[2] (line 1)`, reason: expect.stringContaining('its author is unknown') },
      { where: `${path}!likes.json:$.orderedItems[3] (line 1)`, reason: expect.stringContaining("like of the owner's own status") },
      {
        where: `${path}!bookmarks.json:$.orderedItems[0] (line 1)`,
        reason: 'a bookmark is a private note to self, not a fact about a relationship',
      },
      {
        where: `${path}!bookmarks.json:$.orderedItems[1] (line 1)`,
        reason: 'a bookmark is a private note to self, not a fact about a relationship',
      },
    ]);
  });

  it('reads a .zip, the older .tar.gz and an unpacked folder of one archive the same way', async () => {
    const runs = await Promise.all((['zip', 'tar.gz', 'folder'] as const).map(async (kind) => read(await sampleExport(kind))));
    const [zip, tarball, folder] = runs.map((run) => run.signals) as [Signal[], Signal[], Signal[]];
    expect(zip.length).toBeGreaterThan(10);
    expect(tarball).toEqual(zip);
    expect(folder).toEqual(zip);
  });

  it('yields nothing for an unchanged export, and reads it again when the CSV changes', async () => {
    const { path, following } = await sampleExport();
    const first = await read({ path, following });
    expect((await read({ path, following }, { cursor: first.cursor })).batches).toEqual([]);
    await writeFile(following, `${FOLLOWING_CSV}zoe@far.example,true,false,\n`);
    const again = await read({ path, following }, { cursor: first.cursor });
    expect(again.signals.map((signal) => signal.id)).toEqual([
      ...first.signals.map((signal) => signal.id),
      `mastodon:follow:${OWNER}>https://far.example/users/zoe`,
    ]);
  });

  it('resumes after the last committed batch of a large outbox, storing nothing twice', async () => {
    const posts = Array.from({ length: 2_600 }, (_, index) =>
      JSON.stringify({
        id: `${status(1000 + index)}/activity`,
        type: 'Create',
        actor: OWNER,
        published: '2024-01-01T00:00:00Z',
        object: {
          id: status(1000 + index),
          type: 'Note',
          published: '2024-01-01T00:00:00Z',
          to: ['https://www.w3.org/ns/activitystreams#Public'],
          cc: [],
          content: `<p>${index}</p>`,
        },
      }),
    );
    const { path, following } = await sampleExport('zip', sampleArchiveFiles(outboxJson([...posts, ...outboxElements()])));
    const whole = await read({ path, following });
    expect(whole.batches.length).toBeGreaterThan(1);
    expect(whole.batches[0]?.progress).toMatchObject({ unit: 'bytes', total: expect.any(Number) });

    const abort = new AbortController();
    const interrupted = await read({ path, following }, { abort, stopAfter: 1 });
    expect(interrupted.batches).toHaveLength(1);
    const resumed = await read({ path, following }, { cursor: interrupted.cursor });
    const ids = [...interrupted.signals, ...resumed.signals].map((signal) => signal.id);
    expect(ids).toEqual(whole.signals.map((signal) => signal.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...interrupted.rejected, ...resumed.rejected]).toEqual(whole.rejected);
  });

  it('keeps the statuses before a truncated outbox and names the file', async () => {
    const outbox = outboxJson();
    const { path } = await sampleExport('zip', sampleArchiveFiles(outbox.slice(0, outbox.indexOf(`"${status(5)}/activity"`) + 10)));
    const run = await read({ path });
    expect(run.signals.filter((signal) => signal.kind === 'post')).toHaveLength(2);
    expect(run.rejected).toContainEqual({
      where: `${path}!outbox.json`,
      reason: expect.stringMatching(/^the array ends early, after 4 elements.*expected an OrderedCollection/),
    });
    expect(run.signals.some((signal) => signal.kind === 'like')).toBe(true);
  });

  it('throws naming the file when the archive or the CSV cannot be read', async () => {
    const dir = await temporaryFolder();
    await expect(read({ path: join(dir, 'missing.zip') })).rejects.toThrow(
      `cannot open ${join(dir, 'missing.zip')}: no such file or folder`,
    );
    const { path } = await sampleExport();
    await expect(read({ path, following: join(dir, 'following_accounts.csv') })).rejects.toThrow(
      `cannot open ${join(dir, 'following_accounts.csv')}: no such file`,
    );
    const { 'outbox.json': _, ...withoutOutbox } = sampleArchiveFiles();
    const noOutbox = await writeZip(join(dir, 'other.zip'), withoutOutbox);
    await expect(read({ path: noOutbox })).rejects.toThrow(
      `cannot read ${noOutbox}: it has no outbox.json; expected a Mastodon account archive`,
    );
    const badActor = await writeZip(join(dir, 'bad-actor.zip'), { ...sampleArchiveFiles(), 'actor.json': '{"id":' });
    await expect(read({ path: badActor })).rejects.toThrow(`cannot read ${badActor}!actor.json: not valid JSON`);
  });

  it('dates likes by the archive file when the outbox has no dated status', async () => {
    const { path } = await sampleExport('zip', sampleArchiveFiles(outboxJson([])));
    await utimes(path, new Date('2024-04-05T06:07:08Z'), new Date('2024-04-05T06:07:08Z'));
    const run = await read({ path });
    expect(run.signals.map((signal) => `${signal.kind} ${signal.at}`)).toEqual(['like 2024-04-05T06:07:08Z']);
  });
});
