import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@handshake/sdk';
import { FixtureServer, loadPluginModule, RecordingLogger, runSource, temporaryFolder } from '@handshake/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  byteRange,
  facet,
  mentionFeature,
  type Person,
  postRecord,
  postView,
  profileView,
  reasonRepost,
  strongRef,
  tagFeature,
  tidAt,
} from './__fixtures__/appview-fixtures.js';
import { serveAppView } from './__fixtures__/serve-app-view.js';
import { writeRepoCar } from './__fixtures__/write-repo-car.js';
import { blueskySourceModule } from './index.js';

const dan: Person = { did: 'did:plc:dan3dan3dan3dan3dan3dan3', handle: 'dan.example.com' };
const eve: Person = { did: 'did:plc:eve4eve4eve4eve4eve4eve4', handle: 'eve.bsky.social' };
const ada: Person = { did: 'did:plc:ada2ada2ada2ada2ada2ada2', handle: 'ada.bsky.social' };

const text = '🚀 with @ada.bsky.social on #atproto';
const post = postRecord({
  text,
  facets: [
    facet(...byteRange(text, '@ada.bsky.social'), mentionFeature(ada.did)),
    facet(...byteRange(text, '#atproto'), tagFeature('atproto')),
  ],
  createdAt: '2025-11-21T08:30:00-08:00',
});
const postKey = tidAt('2025-11-21T16:30:00Z');
const evePost = postView(
  eve,
  tidAt('2025-11-20T10:00:00Z'),
  postRecord({ text: 'hi', createdAt: '2025-11-20T10:00:00.000Z' }),
  '2025-11-20T10:00:00.000Z',
);
const reply = postRecord({
  text: 'Yes!',
  reply: { root: strongRef(evePost.uri), parent: strongRef(evePost.uri) },
  createdAt: '2025-11-22T10:00:00.000Z',
});
const replyKey = tidAt('2025-11-22T10:00:00Z');
const repostKey = tidAt('2025-11-23T10:00:00Z');

const server = new FixtureServer();
const plugin = loadPluginModule(blueskySourceModule, { clock: new ManualClock('2025-11-25T10:00:00Z'), logger: new RecordingLogger() });
beforeAll(() => server.start());
afterAll(async () => {
  await plugin.dispose();
  await server.stop();
});

it('gives one record the same signal ids, and a post the same time and content, from the AppView and from the repository', async () => {
  const car = await writeRepoCar({
    did: dan.did,
    records: [
      { key: `app.bsky.feed.post/${postKey}`, value: post },
      { key: `app.bsky.feed.post/${replyKey}`, value: reply },
      {
        key: `app.bsky.feed.repost/${repostKey}`,
        value: { $type: 'app.bsky.feed.repost', subject: strongRef(evePost.uri), createdAt: '2025-11-23T10:00:00.000Z' },
      },
      {
        key: `app.bsky.graph.follow/${tidAt('2025-01-01T00:00:00Z')}`,
        value: { $type: 'app.bsky.graph.follow', subject: eve.did, createdAt: '2025-01-01T00:00:00.000Z' },
      },
    ],
  });
  const path = join(await temporaryFolder('bluesky-same-'), 'dan.car');
  await writeFile(path, car);
  serveAppView(server, {
    accounts: [{ person: dan }],
    follows: { [dan.did]: [[profileView(eve)]] },
    followers: {},
    feed: {
      [dan.did]: [
        [
          { post: evePost, reason: reasonRepost(dan, repostKey, '2025-11-23T10:00:01.000Z') },
          { post: postView(dan, replyKey, reply, '2025-11-22T10:00:00.500Z'), reply: { root: evePost, parent: evePost } },
          { post: postView(dan, postKey, post, '2025-11-21T16:30:00.200Z') },
        ],
      ],
    },
  });

  const fromRepo = await runSource(plugin.source('bluesky-repo'), { path, owner: false });
  const fromAppView = await runSource(plugin.source('bluesky'), { appView: server.url, accounts: [dan.did], read: ['follows', 'feed'] });
  expect(fromAppView.signals.map((signal) => signal.id).sort()).toEqual(fromRepo.signals.map((signal) => signal.id).sort());
  for (const signal of fromAppView.signals.filter((each) => each.id.includes('app.bsky.feed.post'))) {
    expect(signal).toEqual(fromRepo.signals.find((each) => each.id === signal.id));
  }
  expect(fromAppView.signals.find((signal) => signal.kind === 'mention')).toMatchObject({
    subject: { network: 'bluesky', id: ada.did },
    at: '2025-11-21T16:30:00Z',
    rawAt: '2025-11-21T08:30:00-08:00',
  });
});
