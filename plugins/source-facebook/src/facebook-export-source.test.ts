import { existsSync } from 'node:fs';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkSignal,
  type IdentityReport,
  type Logger,
  Logger as LoggerToken,
  type Rejection,
  type Signal,
  SourceContribution,
} from '@handshake/sdk';
import { type ExportFiles, runSource, temporaryFolder, writeFolder, writeZip } from '@handshake/testing';
import { Container } from 'inversify';
import { describe, expect, test } from 'vitest';
import { facebookJson } from './bench/facebook-json.js';
import { generateLargeExport } from './bench/generate-large-export.js';
import { FacebookExportSource } from './facebook-export-source.js';
import { facebookSourceModule } from './index.js';

/** When the test exports were "made": their files' modification time, which dates followers. */
const EXPORT_TIME = new Date('2026-03-08T09:30:00Z');
const OWNER = { network: 'facebook', id: '~owner' };
const person = (name: string) => ({ network: 'facebook', id: `name:${name}` });
const fb = (value: unknown) => facebookJson(value);
const utf8 = (value: unknown) => facebookJson(value, { encoding: 'utf8' });

interface LogLine {
  readonly level: string;
  readonly object: unknown;
  readonly message: string | undefined;
}

function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const method =
    (level: string) =>
    (object: object | string, message?: string): void => {
      lines.push(typeof object === 'string' ? { level, object: {}, message: object } : { level, object, message });
    };
  const logger: Logger = {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: () => logger,
  };
  return { logger, lines };
}

interface Collected {
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
  readonly cursors: string[];
  readonly lines: LogLine[];
}

/** Reads an export the way the host does, keeping the skipped records that `runSource` drops. */
async function collect(options: Record<string, unknown>, settings: { cursor?: string; abortAfter?: number } = {}): Promise<Collected> {
  const { logger, lines } = recordingLogger();
  const source = new FacebookExportSource(logger);
  const abort = new AbortController();
  const collected: Collected = { signals: [], identities: [], rejected: [], skipped: [], cursors: [], lines };
  for await (const batch of source.read({
    sourceId: 'facebook',
    options: source.options.parse(options),
    cursor: settings.cursor,
    abort: abort.signal,
    plan: { me: [], targets: [], introducers: [], on: () => [] },
  })) {
    collected.signals.push(...batch.signals);
    collected.identities.push(...(batch.identities ?? []));
    collected.rejected.push(...(batch.rejected ?? []));
    collected.skipped.push(...(batch.skipped ?? []));
    collected.cursors.push(batch.cursor);
    if (settings.abortAfter !== undefined && collected.cursors.length >= settings.abortAfter) abort.abort();
  }
  return collected;
}

async function zipExport(files: ExportFiles, name = 'facebook.zip'): Promise<string> {
  const file = await writeZip(join(await temporaryFolder('handshake-facebook-'), name), files);
  await utimes(file, EXPORT_TIME, EXPORT_TIME);
  return file;
}

async function folderExport(files: ExportFiles): Promise<string> {
  const folder = await writeFolder(await temporaryFolder('handshake-facebook-'), files);
  for (const path of Object.keys(files)) await utimes(join(folder, ...path.split('/')), EXPORT_TIME, EXPORT_TIME);
  return folder;
}

const ofKind = (signals: readonly Signal[], kind: string) => signals.filter((signal) => signal.kind === kind);
const subjects = (signals: readonly Signal[]) => signals.map((signal) => signal.subject.id);
const byId = (signals: readonly Signal[]) => [...signals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const thread = (participants: readonly string[], messages: readonly Record<string, unknown>[], path: string) => ({
  participants: participants.map((name) => ({ name })),
  messages,
  title: '',
  is_still_participant: true,
  thread_path: path,
  magic_words: [],
});
const message = (sender: string, timestampMs: number, extra: Record<string, unknown> = {}) => ({
  sender_name: sender,
  timestamp_ms: timestampMs,
  ...extra,
  is_geoblocked_for_viewer: false,
  is_unsent_image_by_messenger_kid_parent: false,
});

/** The 2024 layout, with Facebook's mojibake everywhere except where a file is written in correct UTF-8 on purpose. */
const OWNER_2024 = 'Zoë Đặng';
const BIG_GROUP = Array.from({ length: 11 }, (_, index) => `Guest ${index + 1}`);
const export2024: ExportFiles = {
  'personal_information/profile_information/profile_information.json': fb({
    profile_v2: {
      name: { full_name: OWNER_2024, first_name: 'Zoë', middle_name: '', last_name: 'Đặng' },
      registration_timestamp: 1262304000,
    },
  }),
  'connections/friends/your_friends.json': fb({
    friends_v2: [
      { name: 'Đinh Ngọc', timestamp: 1772926883 },
      { name: '🚀 Brendan', timestamp: 1772759918 },
      { name: 'Dan Example', timestamp: 1700000000 },
      { name: '', timestamp: 1700000001 },
      { name: 'Dan Example', timestamp: 1600000000 },
      { name: 'Eve Early', timestamp: 'yesterday' },
    ],
  }),
  'connections/friends/removed_friends.json': fb({ deleted_friends_v2: [{ name: 'Old Friend', timestamp: 1650000000 }] }),
  'connections/friends/sent_friend_requests.json': fb({ sent_requests_v2: [{ name: 'Grace Hopper', timestamp: 1771298221 }] }),
  'connections/friends/received_friend_requests.json': fb({ received_requests_v2: [{ name: 'Ira Holm', timestamp: 1772732145 }] }),
  "connections/followers/who_you've_followed.json": fb({
    following_v3: [
      { name: 'Grace Hopper', timestamp: 1771298221 },
      { name: 'Linus Bär ', timestamp: 1769048793 },
    ],
  }),
  // Written in correct UTF-8, as a fixed export would be: repairing must leave it alone.
  'connections/followers/people_who_followed_you.json': utf8({
    followers_v3: [{ name: 'Ira Holm' }, { name: 'Zoë Café' }, { name: '🚀 Rocket' }],
  }),
  'connections/friends/waving_emojis_you_sent_after_your_friend_requests_were_accepted.json': fb({
    media: [],
    label_values: [{ label: 'Name', value: 'Dan Example' }],
    fbid: '1393559984416084',
  }),
  'your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json': fb([
    {
      timestamp: 1700000100,
      data: [{ post: 'Café talk tonight #rust 🚀 https://example.com/talk.' }],
      attachments: [{ data: [{ external_context: { url: 'https://example.org/slides' } }] }],
      tags: [{ name: 'Dan Example' }, { name: OWNER_2024 }, { name: '' }],
      title: `${OWNER_2024} updated her status.`,
    },
    { timestamp: 1700000200, data: [{ post: 'Chúc mừng sinh nhật!' }], title: `${OWNER_2024} wrote on Đinh Ngọc's timeline.` },
    { timestamp: 1700000300, data: [], title: `${OWNER_2024} shared Grace Hopper's post.` },
  ]),
  'your_facebook_activity/comments_and_reactions/comments.json': fb({
    comments_v2: [
      {
        timestamp: 1700000400,
        data: [{ comment: { timestamp: 1700000400, comment: 'Bravo 👏', author: OWNER_2024 } }],
        title: `${OWNER_2024} commented on Đinh Ngọc's post.`,
      },
      {
        timestamp: 1700000500,
        data: [{ comment: { timestamp: 1700000500, comment: 'Thanks all', author: OWNER_2024 } }],
        title: `${OWNER_2024} commented on her own post.`,
      },
      {
        timestamp: 1700000600,
        data: [{ comment: { timestamp: 1700000600, comment: 'Đẹp quá', author: OWNER_2024 } }],
        title: `${OWNER_2024} đã bình luận về ảnh của Charlie Le.`,
      },
    ],
  }),
  'your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json': fb([
    {
      timestamp: 1700000700,
      media: [],
      label_values: [
        { label: 'Reaction', value: 'LIKE' },
        { label: 'URL', value: 'https://www.facebook.com/dan.example/posts/1' },
        { label: 'Name', value: 'Dan Example' },
      ],
      fbid: '1001',
    },
    {
      timestamp: 1700000800,
      data: [{ reaction: { reaction: 'LOVE', actor: OWNER_2024 } }],
      title: `${OWNER_2024} likes 🚀 Brendan's photo.`,
    },
  ]),
  'your_facebook_activity/messages/inbox/danexample_10001/message_1.json': fb(
    thread(
      ['Dan Example', OWNER_2024],
      [
        message('Dan Example', 1736477443701, { content: 'Chào bạn 👋', reactions: [{ reaction: '❤', actor: OWNER_2024 }] }),
        message(OWNER_2024, 1736477400000, {
          photos: [{ uri: 'your_facebook_activity/messages/inbox/danexample_10001/photos/1.jpg', creation_timestamp: 1736477400 }],
        }),
        message(OWNER_2024, 1736477400000, { content: 'the same millisecond' }),
      ],
      'inbox/danexample_10001',
    ),
  ),
  'your_facebook_activity/messages/inbox/danexample_10001/message_2.json': fb(
    thread(
      ['Dan Example', OWNER_2024],
      [
        message('Dan Example', 1600000000000, { share: { link: 'https://example.com/x', share_text: 'look' } }),
        message(OWNER_2024, Number.NaN),
      ],
      'inbox/danexample_10001',
    ),
  ),
  'your_facebook_activity/messages/inbox/rustfriends_20002/message_1.json': fb(
    thread(
      ['Đinh Ngọc', 'Dan Example', '', OWNER_2024],
      [
        message('Đinh Ngọc', 1736000000000, { content: 'Ai đi RustConf?' }),
        message('', 1735000000000, { content: 'gone' }),
        message('Dan Example', 1734000000000, { content: 'Dan joined the group.', type: 'Subscribe' }),
      ],
      'inbox/rustfriends_20002',
    ),
  ),
  'your_facebook_activity/messages/inbox/bigparty_30003/message_1.json': fb(
    thread([...BIG_GROUP, OWNER_2024], [message('Guest 1', 1736000000000, { content: 'hi all' })], 'inbox/bigparty_30003'),
  ),
  'your_facebook_activity/messages/inbox/ghost_40004/message_1.json': fb(
    thread(['', OWNER_2024], [message(OWNER_2024, 1736000000000, { content: 'are you there?' })], 'inbox/ghost_40004'),
  ),
  'your_facebook_activity/messages/message_requests/stranger_50005/message_1.json': fb(
    thread(['Spam Bot', OWNER_2024], [message('Spam Bot', 1736000000000, { content: 'win a prize' })], 'message_requests/stranger_50005'),
  ),
  'your_facebook_activity/messages/inbox/zoecafe_60006/message_1.json': utf8(
    thread(['Zoë Café', OWNER_2024], [message('Zoë Café', 1736000000000, { content: 'Déjà vu 🚀' })], 'inbox/zoecafe_60006'),
  ),
};

describe('facebook-export, 2024 layout', () => {
  test('reports the owner with the name from the profile, and each person once as a weak name identity', async () => {
    const run = await collect({ path: await zipExport(export2024) });
    expect(run.identities[0]).toEqual({ ...OWNER, owner: true, displayName: OWNER_2024 });
    const dinh = run.identities.filter((identity) => identity.id === 'name:Đinh Ngọc');
    expect(dinh).toEqual([{ ...person('Đinh Ngọc'), displayName: 'Đinh Ngọc', weak: true }]);
    expect(run.identities.some((identity) => identity.id === `name:${OWNER_2024}`)).toBe(false);
    for (const signal of run.signals) expect(checkSignal(signal)).toMatchObject({ ok: true });
  });

  test('friends are connections at their unix time, names repaired; duplicate names share one weak identity', async () => {
    const path = await zipExport(export2024);
    const run = await collect({ path });
    const connections = ofKind(run.signals, 'connection');
    expect(subjects(connections)).toEqual(['name:Đinh Ngọc', 'name:🚀 Brendan', 'name:Dan Example', 'name:Dan Example']);
    expect(connections[0]).toEqual({
      id: 'facebook:connection:~owner>name:Đinh Ngọc',
      network: 'facebook',
      kind: 'connection',
      actor: OWNER,
      subject: person('Đinh Ngọc'),
      at: '2026-03-07T23:41:23Z',
      rawAt: '1772926883',
    });
    expect(connections[2]?.id).toBe(connections[3]?.id);
    expect(run.skipped).toContainEqual({
      where: `${path}!connections/friends/your_friends.json:$.friends_v2[3]`,
      reason: 'a deleted or hidden account (empty name)',
    });
    expect(run.rejected).toContainEqual({
      where: `${path}!connections/friends/your_friends.json:$.friends_v2[5]`,
      reason: 'timestamp: expected unix seconds as a whole number, received "yesterday"',
    });
  });

  test('a removed friend yields no signal; requests and follows are one-way follows, followers dated by the export', async () => {
    const path = await zipExport(export2024);
    const run = await collect({ path });
    expect(run.signals.some((signal) => signal.subject.id === 'name:Old Friend' || signal.actor.id === 'name:Old Friend')).toBe(false);
    expect(run.skipped).toContainEqual({
      where: `${path}!connections/friends/removed_friends.json:$.deleted_friends_v2[0]`,
      reason: expect.stringContaining('removed friend'),
    });
    const follows = ofKind(run.signals, 'follow');
    const grace = follows.filter((signal) => signal.subject.id === 'name:Grace Hopper');
    expect(grace).toHaveLength(2);
    expect(new Set(grace.map((signal) => signal.id))).toEqual(new Set(['facebook:follow:~owner>name:Grace Hopper']));
    expect(follows.find((signal) => signal.subject.id === 'name:Linus Bär')).toMatchObject({ actor: OWNER, at: '2026-01-22T02:26:33Z' });
    const ira = follows.filter((signal) => signal.actor.id === 'name:Ira Holm');
    expect(ira.map((signal) => [signal.id, signal.subject, signal.at, signal.rawAt])).toEqual([
      ['facebook:follow:name:Ira Holm>~owner', OWNER, '2026-03-05T17:35:45Z', '1772732145'],
      ['facebook:follow:name:Ira Holm>~owner', OWNER, '2026-03-08T09:30:00Z', undefined],
    ]);
    const followers = follows.filter((signal) => signal.subject.id === '~owner' && signal.rawAt === undefined);
    expect(followers.map((signal) => signal.actor.id)).toEqual(['name:Ira Holm', 'name:Zoë Café', 'name:🚀 Rocket']);
  });

  test('posts carry text, links and hashtags; tags are mentions; timeline posts and shares go to the person the title names', async () => {
    const run = await collect({ path: await zipExport(export2024) });
    const [post] = ofKind(run.signals, 'post');
    expect(post).toMatchObject({
      actor: OWNER,
      subject: OWNER,
      at: '2023-11-14T22:15:00Z',
      rawAt: '1700000100',
      object: {
        text: 'Café talk tonight #rust 🚀 https://example.com/talk.',
        links: ['https://example.org/slides', 'https://example.com/talk'],
        topics: ['rust'],
      },
    });
    expect(ofKind(run.signals, 'mention')).toEqual([
      expect.objectContaining({ id: `${post?.id}#mention:name:Dan Example`, actor: OWNER, subject: person('Dan Example') }),
    ]);
    const timeline = run.signals.find((signal) => signal.id.endsWith('#timeline'));
    expect(timeline).toMatchObject({
      kind: 'comment',
      actor: OWNER,
      subject: person('Đinh Ngọc'),
      object: { text: 'Chúc mừng sinh nhật!' },
    });
    expect(ofKind(run.signals, 'share')).toEqual([
      expect.objectContaining({ actor: OWNER, subject: person('Grace Hopper'), rawAt: '1700000300' }),
    ]);
  });

  test('comments and reactions go to the post author the title names; own posts and unreadable titles are skipped', async () => {
    const path = await zipExport(export2024);
    const run = await collect({ path });
    const comments = ofKind(run.signals, 'comment').filter((signal) => signal.id.includes(':comment:'));
    expect(comments).toEqual([
      expect.objectContaining({ actor: OWNER, subject: person('Đinh Ngọc'), object: { text: 'Bravo 👏' }, rawAt: '1700000400' }),
    ]);
    const file = `${path}!your_facebook_activity/comments_and_reactions/comments.json`;
    expect(run.skipped).toContainEqual({ where: `${file}:$.comments_v2[1]`, reason: "on the owner's own post" });
    expect(run.skipped).toContainEqual({ where: `${file}:$.comments_v2[2]`, reason: expect.stringContaining('does not say whose post') });
    expect(ofKind(run.signals, 'like').filter((signal) => signal.id.includes(':reaction:'))).toEqual([
      expect.objectContaining({
        actor: OWNER,
        subject: person('Dan Example'),
        object: { url: 'https://www.facebook.com/dan.example/posts/1' },
      }),
      expect.objectContaining({ actor: OWNER, subject: person('🚀 Brendan'), at: '2023-11-14T22:26:40Z' }),
    ]);
  });

  test('messages: every part of a thread, stable ids, reactions, group size; large groups, requests and hidden people skipped', async () => {
    const path = await zipExport(export2024);
    const run = await collect({ path });
    const messages = ofKind(run.signals, 'message');
    const dan = messages.filter((signal) => signal.id.includes(':danexample_10001:'));
    expect(dan.map((signal) => [signal.id, signal.actor.id, signal.subject.id, signal.at])).toEqual([
      [
        'facebook:message:danexample_10001:1736477443701:name:Dan Example#to:~owner',
        'name:Dan Example',
        '~owner',
        '2025-01-10T02:50:43.701Z',
      ],
      ['facebook:message:danexample_10001:1736477400000:~owner#to:name:Dan Example', '~owner', 'name:Dan Example', '2025-01-10T02:50:00Z'],
      [
        'facebook:message:danexample_10001:1736477400000:~owner:2#to:name:Dan Example',
        '~owner',
        'name:Dan Example',
        '2025-01-10T02:50:00Z',
      ],
      ['facebook:message:danexample_10001:1600000000000:name:Dan Example#to:~owner', 'name:Dan Example', '~owner', '2020-09-13T12:26:40Z'],
    ]);
    expect(dan[0]).toMatchObject({ rawAt: '1736477443701', object: { text: 'Chào bạn 👋', participants: 2 } });
    expect(dan[3]?.object).toEqual({ url: 'https://example.com/x', links: ['https://example.com/x'], participants: 2 });
    expect(run.signals).toContainEqual(
      expect.objectContaining({
        id: 'facebook:message:danexample_10001:1736477443701:name:Dan Example#reaction:~owner',
        kind: 'like',
        actor: OWNER,
        subject: person('Dan Example'),
      }),
    );
    const inbox = `${path}!your_facebook_activity/messages`;
    expect(run.rejected).toContainEqual({
      where: `${inbox}/inbox/danexample_10001/message_2.json:$.messages[1]`,
      reason: 'timestamp_ms: expected unix milliseconds as a whole number, received null',
    });

    const group = messages.filter((signal) => signal.id.includes(':rustfriends_20002:'));
    expect(group.map((signal) => [signal.actor.id, signal.subject.id, signal.object?.participants])).toEqual([
      ['name:Đinh Ngọc', 'name:Dan Example', 4],
      ['name:Đinh Ngọc', '~owner', 4],
    ]);
    expect(run.skipped).toContainEqual({
      where: `${inbox}/inbox/rustfriends_20002/message_1.json:$.messages[1]`,
      reason: 'sender: a deleted or hidden account (empty name)',
    });
    expect(run.skipped).toContainEqual({
      where: `${inbox}/inbox/rustfriends_20002/message_1.json:$.messages[2]`,
      reason: 'a "Subscribe" notice, not a message',
    });
    expect(run.skipped).toContainEqual({
      where: `${inbox}/inbox/bigparty_30003`,
      reason: 'a group of 12 people, more than maxGroupSize (10)',
    });
    expect(run.skipped).toContainEqual({
      where: `${inbox}/inbox/ghost_40004/message_1.json:$.messages[0]`,
      reason: 'no one else in the conversation is named (deleted or hidden accounts)',
    });
    expect(run.skipped).toContainEqual({
      where: `${inbox}/message_requests/stranger_50005`,
      reason: 'a conversation in message_requests, never accepted by the owner',
    });
    expect(messages.find((signal) => signal.actor.id === 'name:Zoë Café')?.object?.text).toBe('Déjà vu 🚀');

    const larger = await collect({ path, maxGroupSize: 12 });
    expect(ofKind(larger.signals, 'message').filter((signal) => signal.id.includes(':bigparty_30003:'))).toHaveLength(11);
  });

  test('a zip and its unpacked folder give the same signals', async () => {
    const zipped = await collect({ path: await zipExport(export2024) });
    const folder = await collect({ path: await folderExport(export2024) });
    expect(byId(folder.signals)).toEqual(byId(zipped.signals));
    expect(folder.skipped.length).toBe(zipped.skipped.length);
    expect(folder.rejected.length).toBe(zipped.rejected.length);
  });

  test('logs which known files it found', async () => {
    const run = await collect({ path: await zipExport(export2024) });
    const found = run.lines.find((line) => line.message === 'facebook export files found');
    expect(found?.object).toMatchObject({
      layout: '2024',
      found: {
        profile: 'personal_information/profile_information/profile_information.json',
        friends: 'connections/friends/your_friends.json',
        messageThreads: 6,
      },
    });
    expect(run.lines.find((line) => line.message === 'owner identified')?.object).toMatchObject({ from: ['profile'] });
  });
});

/** The 2021 layout (`friends_and_followers/`, `comments_and_reactions/`), with no profile file. */
const export2021: ExportFiles = {
  'friends_and_followers/friends.json': fb({ friends_v2: [{ name: 'Renée Dubois', timestamp: 1600000000 }] }),
  'friends_and_followers/removed_friends.json': fb({ deleted_friends_v2: [{ name: 'Ex Friend', timestamp: 1600000001 }] }),
  'friends_and_followers/friend_requests_sent.json': fb({ sent_requests_v2: [{ name: 'Sam Sent', timestamp: 1600000002 }] }),
  'friends_and_followers/friend_requests_received.json': fb({ received_requests_v2: [{ name: 'Rita Received', timestamp: 1600000003 }] }),
  'friends_and_followers/followers.json': fb({ followers_v2: [{ name: 'Felix Follower' }] }),
  'friends_and_followers/following.json': fb({ following_v2: [{ name: 'Renée Dubois', timestamp: 1600000004 }] }),
  'posts/your_posts_1.json': fb([
    { timestamp: 1600000100, data: [{ post: 'Bonne journée' }, { update_timestamp: 1600000200 }], tags: ['Renée Dubois'] },
  ]),
  'comments_and_reactions/comments.json': fb({
    comments_v2: [
      {
        timestamp: 1600000300,
        data: [{ comment: { timestamp: 1600000300, comment: 'Très bien', author: 'Ada Lovelace' } }],
        title: "Ada Lovelace replied to Renée Dubois's comment.",
      },
    ],
  }),
  'comments_and_reactions/posts_and_comments.json': fb({
    reactions_v2: [
      {
        timestamp: 1600000400,
        data: [{ reaction: { reaction: 'HAHA', actor: 'Ada Lovelace' } }],
        title: "Ada Lovelace likes James' post.",
      },
    ],
  }),
  'messages/inbox/reneedubois_abc123/message_1.json': fb(
    thread(
      ['Renée Dubois', 'Ada Lovelace'],
      [message('Ada Lovelace', 1600000500000, { content: 'À bientôt' }), message('Renée Dubois', 1600000400000, { content: 'Salut 🙂' })],
      'inbox/reneedubois_abc123',
    ),
  ),
};

describe('facebook-export, 2021 layout', () => {
  test('reads every list and activity file, and knows the owner from their comments', async () => {
    const path = await folderExport(export2021);
    const run = await collect({ path });
    expect(run.rejected).toEqual([]);
    expect(run.identities[0]).toEqual({ ...OWNER, owner: true, displayName: 'Ada Lovelace' });
    const summary = run.signals.map((signal) => `${signal.kind} ${signal.actor.id} > ${signal.subject.id}`);
    expect(summary).toEqual([
      'connection ~owner > name:Renée Dubois',
      'follow ~owner > name:Sam Sent',
      'follow name:Rita Received > ~owner',
      'follow ~owner > name:Renée Dubois',
      'follow name:Felix Follower > ~owner',
      'post ~owner > ~owner',
      'mention ~owner > name:Renée Dubois',
      'comment ~owner > name:Renée Dubois',
      'like ~owner > name:James',
      'message ~owner > name:Renée Dubois',
      'message name:Renée Dubois > ~owner',
    ]);
    expect(ofKind(run.signals, 'follow').find((signal) => signal.actor.id === 'name:Felix Follower')?.at).toBe('2026-03-08T09:30:00Z');
    expect(run.skipped).toEqual([
      { where: `${path}!friends_and_followers/removed_friends.json:$.deleted_friends_v2[0]`, reason: expect.any(String) },
    ]);
  });

  test('without a profile or comments, the name in every thread is taken as the owner', async () => {
    const {
      'comments_and_reactions/comments.json': _comments,
      'comments_and_reactions/posts_and_comments.json': _reactions,
      ...rest
    } = export2021;
    const files = {
      ...rest,
      'messages/inbox/tom_def456/message_1.json': fb(
        thread(['Tom Two', 'Ada Lovelace'], [message('Tom Two', 1600000600000, { content: 'yo' })], 'inbox/tom_def456'),
      ),
    };
    const run = await collect({ path: await zipExport(files) });
    expect(run.identities[0]).toEqual({ ...OWNER, owner: true, displayName: 'Ada Lovelace' });
    expect(ofKind(run.signals, 'message').map((signal) => `${signal.actor.id} > ${signal.subject.id}`)).toEqual([
      '~owner > name:Renée Dubois',
      'name:Renée Dubois > ~owner',
      'name:Tom Two > ~owner',
    ]);
  });

  test('when nothing tells the owner apart, messages keep both names, with a warning that names the option', async () => {
    const files = {
      'messages/inbox/reneedubois_abc123/message_1.json': export2021['messages/inbox/reneedubois_abc123/message_1.json'] as string,
    };
    const path = await zipExport(files);
    const unknown = await collect({ path });
    expect(unknown.identities[0]).toEqual({ ...OWNER, owner: true });
    expect(subjects(unknown.signals)).toEqual(['name:Renée Dubois', 'name:Ada Lovelace']);
    expect(unknown.lines.find((line) => line.level === 'warn')?.message).toContain('set ownerName');
    const told = await collect({ path, ownerName: 'Ada Lovelace' });
    expect(told.signals.map((signal) => `${signal.actor.id} > ${signal.subject.id}`)).toEqual([
      '~owner > name:Renée Dubois',
      'name:Renée Dubois > ~owner',
    ]);
  });
});

/** The 2018 layout, shaped after the 2018 JSON Schemas in the corpus. */
const export2018: ExportFiles = {
  'profile_information/profile_information.json': fb({
    profile: { name: { full_name: 'Ada Lovelace' }, emails: { emails: ['ada@example.com'] }, registration_timestamp: 1199145600 },
  }),
  'friends/friends.json': fb({ friends: [{ name: 'Charles Babbage', timestamp: 1514764800, contact_info: 'charles@example.com' }] }),
  'friends/removed_friends.json': fb({ deleted_friends: [{ name: 'Lord Byron', timestamp: 1514764801 }] }),
  'friends/sent_friend_requests.json': fb({ sent_requests: [{ name: 'Mary Somerville', timestamp: 1514764802 }] }),
  'following_and_followers/following.json': fb({ following: [{ name: 'Michael Faraday', timestamp: 1514764803 }] }),
  'posts/your_posts.json': fb({
    status_updates: [
      {
        timestamp: 1514764900,
        data: [{ post: 'Notes on the engine' }],
        attachments: [
          {
            data: [
              {
                media: {
                  uri: 'photos_and_videos/engine.jpg',
                  creation_timestamp: 1514764900,
                  comments: [
                    { timestamp: 1514765000, comment: 'Splendid!', author: 'Charles Babbage' },
                    { timestamp: 1514765100, comment: 'Thank you', author: 'Ada Lovelace' },
                  ],
                },
              },
              { external_context: { url: 'https://example.com/notes' } },
            ],
          },
        ],
        tags: ['Charles Babbage'],
      },
    ],
  }),
  "posts/other_people's_posts_to_your_timeline.json": fb({
    wall_posts_sent_to_you: [
      { timestamp: 1514766000, data: [{ post: 'Happy birthday, Ada!' }], title: "Mary Somerville wrote on Ada Lovelace's timeline." },
      { timestamp: 1514766100, data: [{ post: '?' }] },
    ],
  }),
  'comments/comments.json': fb({
    comments: [
      {
        timestamp: 1514767000,
        data: [{ comment: { timestamp: 1514767000, comment: 'Indeed', author: 'Ada Lovelace', group: 'Analytical Engines' } }],
        title: "Ada Lovelace commented on Charles Babbage's post.",
      },
    ],
  }),
  'likes_and_reactions/posts_and_comments.json': fb({
    reactions: [
      {
        timestamp: 1514768000,
        data: [{ reaction: { reaction: 'LIKE', actor: 'Ada Lovelace' } }],
        title: "Ada Lovelace likes Charles Babbage's photo.",
      },
    ],
  }),
  'messages/inbox/charlesbabbage_x1y2/message.json': fb({
    ...thread(
      ['Charles Babbage', 'Ada Lovelace'],
      [message('Charles Babbage', 1514769000000, { content: 'Tea?', type: 'Generic' })],
      'inbox/charlesbabbage_x1y2',
    ),
    thread_type: 'Regular',
  }),
};

describe('facebook-export, 2018 layout', () => {
  test('reads the 2018 files: photo comments from others, posts on the owner timeline, group comments', async () => {
    const path = await zipExport(export2018);
    const run = await collect({ path });
    expect(run.rejected).toEqual([]);
    expect(run.signals.map((signal) => `${signal.kind} ${signal.actor.id} > ${signal.subject.id}`)).toEqual([
      'connection ~owner > name:Charles Babbage',
      'follow ~owner > name:Mary Somerville',
      'follow ~owner > name:Michael Faraday',
      'post ~owner > ~owner',
      'mention ~owner > name:Charles Babbage',
      'comment name:Charles Babbage > ~owner',
      'comment name:Mary Somerville > ~owner',
      'comment ~owner > name:Charles Babbage',
      'like ~owner > name:Charles Babbage',
      'message name:Charles Babbage > ~owner',
    ]);
    expect(ofKind(run.signals, 'post')[0]?.object).toEqual({ text: 'Notes on the engine', links: ['https://example.com/notes'] });
    expect(run.skipped).toContainEqual({
      where: `${path}!posts/other_people's_posts_to_your_timeline.json:$.wall_posts_sent_to_you[1]`,
      reason: 'the title does not say who wrote it (null)',
    });
  });

  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const schemas = resolve(root, '../shared/corpus/facebook/schemas-2018');
  test.skipIf(!existsSync(schemas))('the fixture has the top-level keys the 2018 JSON Schemas require', async () => {
    const pairs: Record<string, string> = {
      'friends_friends.json': 'friends/friends.json',
      'friends_removed_friends.json': 'friends/removed_friends.json',
      'friends_sent_friend_requests.json': 'friends/sent_friend_requests.json',
      'following_and_followers_following.json': 'following_and_followers/following.json',
      'posts_your_posts.json': 'posts/your_posts.json',
      "posts_other_people's_posts_to_your_timeline.json": "posts/other_people's_posts_to_your_timeline.json",
      'comments_comments.json': 'comments/comments.json',
      'likes_and_reactions_posts_and_comments.json': 'likes_and_reactions/posts_and_comments.json',
      'profile_information_profile_information.json': 'profile_information/profile_information.json',
      'messages_message.json': 'messages/inbox/charlesbabbage_x1y2/message.json',
    };
    for (const [schema, file] of Object.entries(pairs)) {
      const required = (JSON.parse(await readFile(join(schemas, schema), 'utf8')) as { required: string[] }).required;
      const keys = Object.keys(JSON.parse(export2018[file] as string) as object);
      for (const key of required) expect(keys, `${file} per ${schema}`).toContain(key);
    }
  });
});

describe('facebook-export cursor', () => {
  test('an unchanged export yields nothing; another maxGroupSize reads it again', async () => {
    const path = await zipExport(export2021);
    const first = await collect({ path });
    expect(first.cursors).toHaveLength(1);
    const again = await collect({ path }, { cursor: first.cursors.at(-1) });
    expect(again.cursors).toEqual([]);
    const other = await collect({ path, maxGroupSize: 3 }, { cursor: first.cursors.at(-1) });
    expect(other.signals.length).toBe(first.signals.length);
  });

  test('batches of about 2,000 records; a run stopped after a batch resumes after it, losing and repeating nothing', async () => {
    const messages = Array.from({ length: 4500 }, (_, index) =>
      message(index % 2 === 0 ? 'Ada Lovelace' : 'Renée Dubois', 1700000000000 - index * 1000, { content: `message ${index}` }),
    );
    const files = {
      'messages/inbox/long_1/message_1.json': fb(thread(['Renée Dubois', 'Ada Lovelace'], messages.slice(0, 3000), 'inbox/long_1')),
      'messages/inbox/long_1/message_2.json': fb(thread(['Renée Dubois', 'Ada Lovelace'], messages.slice(3000), 'inbox/long_1')),
    };
    const path = await zipExport(files);
    const whole = await collect({ path, ownerName: 'Ada Lovelace' });
    expect(whole.cursors).toHaveLength(3);
    expect(whole.signals).toHaveLength(4500);
    const stopped = await collect({ path, ownerName: 'Ada Lovelace' }, { abortAfter: 1 });
    expect(stopped.signals).toHaveLength(2000);
    const resumed = await collect({ path, ownerName: 'Ada Lovelace' }, { cursor: stopped.cursors.at(-1) });
    expect([...stopped.signals, ...resumed.signals].map((signal) => signal.id)).toEqual(whole.signals.map((signal) => signal.id));
  });

  test('runSource from @handshake/testing sees the same export', async () => {
    const run = await runSource(new FacebookExportSource(recordingLogger().logger), { path: await zipExport(export2021) });
    expect(run.signals).toHaveLength(11);
    expect(run.cursor).toMatch(/"complete":true/);
  });
});

describe('facebook-export bad input', () => {
  /** A file cut off inside its messages, as an interrupted download leaves it. */
  const cut = (text: string) => text.slice(0, text.indexOf('"content"'));

  test('a bad record is rejected with its file and JSON path; the records around it still count', async () => {
    const path = await zipExport({
      'friends_and_followers/friends.json':
        '{"friends_v2": [\n {"name": "A One", "timestamp": 1600000000},\n {"name": "B Two", "timestamp": nope},\n {"name": "C Three", "timestamp": 1600000000}\n]}',
      'friends_and_followers/following.json': fb({ something_else: [{ name: 'X' }] }),
      'messages/inbox/cut_1/message_1.json': cut(
        fb(thread(['Cut Short', 'Ada Lovelace'], [message('Cut Short', 1600000000000, { content: 'hi' })], 'inbox/cut_1')),
      ),
      'messages/inbox/ok_2/message_1.json': fb(
        thread(['Fine Person', 'Ada Lovelace'], [message('Fine Person', 1600000000000, { content: 'hi' })], 'inbox/ok_2'),
      ),
    });
    const run = await collect({ path, ownerName: 'Ada Lovelace' });
    expect(subjects(ofKind(run.signals, 'connection'))).toEqual(['name:A One', 'name:C Three']);
    expect(run.rejected).toEqual([
      { where: `${path}!friends_and_followers/friends.json:$.friends_v2[1] (line 3)`, reason: expect.stringContaining('not valid JSON') },
      {
        where: `${path}!friends_and_followers/following.json`,
        reason: 'expected {"following_v3": [{name, timestamp}]}, found a list named "something_else"',
      },
      { where: `${path}!messages/inbox/cut_1/message_1.json`, reason: expect.stringContaining('truncated') },
    ]);
    expect(ofKind(run.signals, 'message').map((signal) => signal.actor.id)).toEqual(['name:Fine Person']);
  });

  test('an unreadable archive throws, naming the file', async () => {
    const folder = await temporaryFolder('handshake-facebook-');
    await expect(collect({ path: join(folder, 'missing.zip') })).rejects.toThrow(
      `cannot open ${join(folder, 'missing.zip')}: no such file or folder`,
    );
    const broken = join(folder, 'broken.zip');
    await writeFile(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]));
    await expect(collect({ path: broken })).rejects.toThrow(broken);
  });

  test('an export with none of the known files throws, and says when it is the HTML format', async () => {
    const other = await folderExport({ 'notes/todo.txt': 'milk' });
    await expect(collect({ path: other })).rejects.toThrow(`${other} holds no Facebook export this source can read`);
    const html = await folderExport({ 'index.html': '<html></html>', 'friends/friends.html': '<html></html>' });
    await expect(collect({ path: html })).rejects.toThrow(/HTML format: download your information again with Format: JSON/);
  });
});

describe('facebook-export plugin', () => {
  test('its ContainerModule binds the source to SourceContribution', async () => {
    const container = new Container();
    container.bind<Logger>(LoggerToken).toConstantValue(recordingLogger().logger);
    await container.load(facebookSourceModule);
    const sources = container.getAll<SourceContribution>(SourceContribution);
    expect(sources.map((source) => source.kind)).toEqual(['facebook-export']);
  });

  test('the benchmark generator writes an export this source reads, mojibake repaired', async () => {
    const folder = await temporaryFolder('handshake-facebook-bench-');
    const path = await generateLargeExport(folder, 2_000_000);
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(1_900_000);
    expect(size).toBeLessThan(8_000_000);
    expect(await readdir(folder)).toEqual([path.slice(folder.length + 1)]);
    const run = await collect({ path });
    expect(run.rejected).toEqual([]);
    expect(run.identities[0]).toEqual({ ...OWNER, owner: true, displayName: 'Ngọc Ánh Trần' });
    expect(ofKind(run.signals, 'message').length).toBeGreaterThan(1000);
    expect(run.signals.some((signal) => signal.actor.id === 'name:Ngọc Ánh Trần')).toBe(false);
    expect(run.signals.some((signal) => /[ạ-ỹ]/u.test(signal.object?.text ?? ''))).toBe(true);
    expect(run.signals.some((signal) => /Ã|Â/.test(signal.object?.text ?? signal.subject.id))).toBe(false);
  });
});
