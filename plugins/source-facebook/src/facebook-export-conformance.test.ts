import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSignal, type Logger, type Signal } from '@handshake/sdk';
import { runSource, temporaryFolder, writeZip } from '@handshake/testing';
import { describe, expect, test } from 'vitest';
import { FacebookExportSource } from './facebook-export-source.js';
import { repairMojibakeDeep } from './repair-mojibake.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = resolve(root, '../shared/corpus');
const dyi = join(corpus, 'exports/facebook/dyi-2026-03');

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => silent };

/** A corpus file parsed independently of the source, strings repaired. */
async function corpusJson(path: string): Promise<Record<string, unknown>> {
  return repairMojibakeDeep(JSON.parse(await readFile(join(dyi, path), 'utf8'))) as Record<string, unknown>;
}

async function names(path: string, key: string): Promise<string[]> {
  return ((await corpusJson(path))[key] as { name: string }[]).map((entry) => entry.name.trim()).filter((name) => name !== '');
}

async function readExport(path: string): Promise<{ signals: Signal[]; skipped: number; rejected: number; identities: number }> {
  const source = new FacebookExportSource(silent);
  const run = { signals: [] as Signal[], skipped: 0, rejected: 0, identities: 0 };
  for await (const batch of source.read({
    sourceId: 'facebook',
    options: source.options.parse({ path }),
    cursor: undefined,
    abort: new AbortController().signal,
    plan: { me: [], targets: [], introducers: [], on: () => [] },
  })) {
    run.signals.push(...batch.signals);
    run.skipped += batch.skipped?.length ?? 0;
    run.rejected += batch.rejected?.length ?? 0;
    run.identities += batch.identities?.length ?? 0;
  }
  return run;
}

describe.skipIf(!existsSync(dyi))(
  `facebook-export over the corpus export dyi-2026-03${existsSync(dyi) ? '' : ' (skipped: ../shared/corpus is absent on this machine)'}`,
  () => {
    test('every record becomes a signal or is skipped with a reason; counts match the files', async () => {
      const run = await readExport(dyi);
      expect(run.rejected).toBe(0);
      for (const signal of run.signals) expect(checkSignal(signal)).toMatchObject({ ok: true });

      const friends = await names('connections/friends/your_friends.json', 'friends_v2');
      const connections = run.signals.filter((signal) => signal.kind === 'connection');
      expect(connections.map((signal) => signal.subject.id)).toEqual(friends.map((name) => `name:${name}`));

      const outgoing = [
        ...(await names('connections/friends/sent_friend_requests.json', 'sent_requests_v2')),
        ...(await names("connections/followers/who_you've_followed.json", 'following_v3')),
      ];
      const incoming = [
        ...(await names('connections/friends/received_friend_requests.json', 'received_requests_v2')),
        ...(await names('connections/followers/people_who_followed_you.json', 'followers_v3')),
      ];
      const follows = run.signals.filter((signal) => signal.kind === 'follow');
      expect(follows.filter((signal) => signal.actor.id === '~owner').map((signal) => signal.subject.id)).toEqual(
        outgoing.map((name) => `name:${name}`),
      );
      expect(follows.filter((signal) => signal.subject.id === '~owner').map((signal) => signal.actor.id)).toEqual(
        incoming.map((name) => `name:${name}`),
      );
      expect(run.signals).toHaveLength(friends.length + outgoing.length + incoming.length);

      // Every thread pairs the owner with a deleted account (""): no message names a counterpart.
      const removed = (await corpusJson('connections/friends/removed_friends.json')).deleted_friends_v2 as unknown[];
      const inbox = 'your_facebook_activity/messages/inbox';
      let messages = 0;
      for (const thread of await readdir(join(dyi, inbox))) {
        messages += ((await corpusJson(`${inbox}/${thread}/message_1.json`)).messages as unknown[]).length;
      }
      expect(run.skipped).toBe(removed.length + messages);
    });

    test('names and times checked by hand', async () => {
      const { signals } = await readExport(dyi);
      expect(signals[0]).toEqual({
        id: 'facebook:connection:~owner>name:Hiếu Nhật Xuyến',
        network: 'facebook',
        kind: 'connection',
        actor: { network: 'facebook', id: '~owner' },
        subject: { network: 'facebook', id: 'name:Hiếu Nhật Xuyến' },
        at: '2026-03-07T23:41:23Z',
        rawAt: '1772926883',
      });
      const ids = new Set(signals.map((signal) => (signal.subject.id === '~owner' ? signal.actor.id : signal.subject.id)));
      for (const name of ['Điệp Diệp', 'Ưu Quinn.Fischer', 'T Ada Đạo', 'Thương Bích Sử']) expect(ids).toContain(`name:${name}`);
      // The owner is the one person in every thread, and never appears as a name of their own.
      expect(ids.has('name:Thiêm Haddad')).toBe(false);
    });

    test('the same export zipped reads the same', async () => {
      const files: Record<string, Buffer> = {};
      for (const entry of await readdir(dyi, { recursive: true, withFileTypes: true })) {
        if (entry.isFile())
          files[relative(dyi, join(entry.parentPath, entry.name)).split('\\').join('/')] = await readFile(
            join(entry.parentPath, entry.name),
          );
      }
      const zip = await writeZip(join(await temporaryFolder('handshake-facebook-corpus-'), 'dyi.zip'), files);
      const zipped = await runSource(new FacebookExportSource(silent), { path: zip });
      const unpacked = await readExport(dyi);
      // Followers carry the export's time, which is the zip's or the folder's own: compare the rest.
      const withoutTime = (signals: readonly Signal[]) =>
        signals.map(({ at, ...rest }) => (rest.rawAt === undefined ? rest : { ...rest, at }));
      expect(withoutTime(zipped.signals)).toEqual(withoutTime(unpacked.signals));
    });
  },
);
