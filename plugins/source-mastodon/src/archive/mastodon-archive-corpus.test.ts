import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rejection, Signal, SignalKind } from '@handshake/sdk';
import { crawlPlan } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { MastodonArchiveSource } from './mastodon-archive-source.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = resolve(repositoryRoot, '../shared/corpus');
const archive = join(corpus, 'exports/mastodon/archive-2024-07');
const following = join(corpus, 'mastodon/following-csv-2023-11/following_accounts.csv');
const exists = existsSync(archive) && existsSync(following);

async function readCorpus() {
  const source = new MastodonArchiveSource();
  const signals: Signal[] = [];
  const rejected: Rejection[] = [];
  const skipped: Rejection[] = [];
  for await (const batch of source.read({
    sourceId: 'mastodon',
    options: source.options.parse({ path: archive, following }),
    cursor: undefined,
    abort: new AbortController().signal,
    plan: crawlPlan(),
  })) {
    signals.push(...batch.signals);
    rejected.push(...(batch.rejected ?? []));
    skipped.push(...(batch.skipped ?? []));
  }
  return { signals, rejected, skipped };
}

async function orderedItems(file: string): Promise<unknown[]> {
  return (JSON.parse(await readFile(join(archive, file), 'utf8')) as { orderedItems: unknown[] }).orderedItems;
}

function count(signals: readonly Signal[], kind: SignalKind): number {
  return signals.filter((signal) => signal.kind === kind).length;
}

describe.skipIf(!exists)(
  `mastodon-archive over the real corpus${exists ? '' : ' (skipped: ../shared/corpus is absent on this machine)'}`,
  () => {
    it('reads every record of the 2024 archive and the following CSV without a rejection', async () => {
      const { signals, rejected, skipped } = await readCorpus();
      expect(rejected).toEqual([]);
      const outbox = (await orderedItems('outbox.json')) as { type: string }[];
      const likes = await orderedItems('likes.json');
      const bookmarks = await orderedItems('bookmarks.json');
      const rows = (await readFile(following, 'utf8'))
        .split('\n')
        .slice(1)
        .filter((line) => line.trim() !== '');
      // Counted by hand from the files: 16 Create (one of them direct), 4 Announce (one of an /objects/ URI,
      // whose author cc names), 6 replies to others plus one to the owner's own thread, 2 mentions outside replies.
      expect(outbox.filter((item) => item.type === 'Create')).toHaveLength(16);
      expect(count(signals, 'post')).toBe(15);
      expect(count(signals, 'message')).toBe(1);
      expect(count(signals, 'share')).toBe(outbox.filter((item) => item.type === 'Announce').length);
      expect(count(signals, 'reply')).toBe(6);
      expect(count(signals, 'mention')).toBe(2);
      expect(count(signals, 'like')).toBe(24);
      expect(likes.length - 24).toBe(5);
      expect(count(signals, 'follow')).toBe(rows.length);
      expect(rows).toHaveLength(40);
      expect(skipped.filter((entry) => entry.where.includes('!likes.json'))).toHaveLength(5);
      expect(skipped.filter((entry) => entry.where.includes('!bookmarks.json'))).toHaveLength(bookmarks.length);
      expect(new Set(signals.map((signal) => signal.id)).size).toBe(signals.length);
    });

    it('matches a few records checked by hand', async () => {
      const { signals } = await readCorpus();
      const byId = new Map(signals.map((signal) => [signal.id, signal]));
      const owner = 'https://social.example/users/candlelight';
      const dm = byId.get(`mastodon:${owner}/statuses/109361905632595388#message:https://social.example/users/lavender52`);
      expect(dm).toMatchObject({ kind: 'message', at: '2022-11-17T21:34:08Z', object: { participants: 2 } });
      expect(byId.has(`mastodon:${owner}/statuses/109361905632595388`)).toBe(false);
      expect(byId.get(`mastodon:https://orchard.example/objects/3df1b82c-e6fb-43ba-8406-587a41bacebd#share:${owner}`)).toMatchObject({
        kind: 'share',
        subject: { network: 'mastodon', id: 'https://orchard.example/users/crayon' },
        object: { url: 'https://orchard.example/objects/3df1b82c-e6fb-43ba-8406-587a41bacebd' },
      });
      expect(byId.get(`mastodon:${owner}/statuses/109577749622622514`)).toMatchObject({ kind: 'post', at: '2022-12-22T21:29:38Z' });
      expect(byId.get(`mastodon:${owner}/statuses/112898821951897845`)?.object?.topics).toEqual(['sky', 'raspberrytweed']);
      expect(byId.get(`mastodon:${owner}/statuses/109491105339348382#reply`)?.subject.id).toBe('https://mastodon.example/users/c3pine');
      expect(byId.get(`mastodon:follow:${owner}>https://mastodon.social/users/0xDUDE`)?.kind).toBe('follow');
      expect(byId.get(`mastodon:https://camp.example/users/guitar/statuses/103381498750247979#like:${owner}`)?.at).toBe(
        '2024-07-23T18:39:06Z',
      );
    });
  },
);
