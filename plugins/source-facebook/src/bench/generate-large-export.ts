import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StreamingZipWriter } from '@handshake/testing';
import { facebookJson } from './facebook-json.js';

/** A deterministic generator (mulberry32): every run writes the same export. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Thiêm',
  'Ngọc',
  'Đinh',
  'Hiếu',
  'Zoë',
  'Jürgen',
  'Łukasz',
  'Ana',
  'Søren',
  'Chloé',
  'Dan',
  'Ada',
  'Mỹ',
  'Xuyến',
  'Ife',
  'Björn',
];
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Haddad',
  'Müller',
  'Wójcik',
  'Okonkwo',
  'Fischer',
  'Dubois',
  'Holm',
  'Phạm',
  'Øster',
  'Smith',
  'Đặng',
];
const WORDS = (
  'hôm nay trời đẹp quá chúng tôi đi dạo café crème brûlée déjà vu naïve über straße zażółć gęślą jaźń ' +
  'meeting tomorrow release notes the build is green can you review my pull request lunch at noon ' +
  'merci beaucoup à bientôt thanks 🚀 🎉 👍 ❤️ 😂 ✅ sounds good see you there 19:30 10/01/2025'
).split(' ');
const REACTIONS = ['👍', '❤', '😆', '😮', '😢', '😠'];
const OWNER = 'Ngọc Ánh Trần';
const DAY_MS = 86_400_000;
/** The time of every zip entry: a fixed one, so the same size gives the same zip. */
const ZIPPED_AT = new Date('2026-03-08T12:00:00Z');
const END_MS = Date.UTC(2026, 2, 1);
/** Facebook splits a thread into parts of this many messages. */
const PART_MESSAGES = 10_000;

/**
 * Writes a realistic synthetic Facebook export (2024 layout) of about `targetBytes` as a zip in
 * `folder`, and returns its path. Mostly message threads, as in real inboxes: a power law of
 * thread sizes (a few with tens of thousands of messages, split into `message_N.json` parts),
 * group threads (some too large to count), deleted participants, reactions, shared links, a few
 * photos stored uncompressed; plus friends, followers, posts, comments and reactions. Every
 * string is written with Facebook's mojibake.
 */
export async function generateLargeExport(folder: string, targetBytes: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `facebook-export-${targetBytes}.zip`);
  const next = random(20260301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const person = (index: number) => `${GIVEN[index % GIVEN.length]} ${FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]} ${index}`;
  const sentence = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min)) }, () => pick(WORDS)).join(' ');
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const people = 5000;
  const zip = await StreamingZipWriter.create(path, ZIPPED_AT);

  await zip.add(
    'personal_information/profile_information/profile_information.json',
    facebookJson({
      profile_v2: {
        name: { full_name: OWNER, first_name: 'Ngọc Ánh', middle_name: '', last_name: 'Trần' },
        registration_timestamp: 1262304000,
      },
    }),
  );
  await zip.add(
    'connections/friends/your_friends.json',
    facebookJson({
      friends_v2: Array.from({ length: 1500 }, (_, index) => ({ name: person(index), timestamp: seconds(END_MS - index * DAY_MS) })),
    }),
  );
  await zip.add(
    'connections/followers/people_who_followed_you.json',
    facebookJson({ followers_v3: Array.from({ length: 400 }, (_, index) => ({ name: index % 50 === 0 ? '' : person(1500 + index) })) }),
  );
  await zip.add(
    "connections/followers/who_you've_followed.json",
    facebookJson({
      following_v3: Array.from({ length: 300 }, (_, index) => ({
        name: person(index * 7),
        timestamp: seconds(END_MS - index * 3 * DAY_MS),
      })),
    }),
  );
  await zip.add(
    'your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json',
    facebookJson(
      Array.from({ length: 2000 }, (_, index) => ({
        timestamp: seconds(END_MS - index * 12 * 3_600_000),
        data: [{ post: `${sentence(5, 40)} #${pick(['rust', 'café', 'open_source', 'hànội'])}` }],
        ...(index % 5 === 0 ? { attachments: [{ data: [{ external_context: { url: `https://example.com/a/${index}` } }] }] } : {}),
        ...(index % 7 === 0 ? { tags: [{ name: person(index % people) }] } : {}),
        title: index % 11 === 0 ? `${OWNER} wrote on ${person(index % people)}'s timeline.` : `${OWNER} updated her status.`,
      })),
    ),
  );
  await zip.add(
    'your_facebook_activity/comments_and_reactions/comments.json',
    facebookJson({
      comments_v2: Array.from({ length: 3000 }, (_, index) => ({
        timestamp: seconds(END_MS - index * 5 * 3_600_000),
        data: [{ comment: { timestamp: seconds(END_MS - index * 5 * 3_600_000), comment: sentence(3, 25), author: OWNER } }],
        title: `${OWNER} commented on ${person((index * 13) % people)}'s post.`,
      })),
    }),
  );
  await zip.add(
    'your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json',
    facebookJson(
      Array.from({ length: 5000 }, (_, index) => ({
        timestamp: seconds(END_MS - index * 2 * 3_600_000),
        data: [{ reaction: { reaction: pick(['LIKE', 'LOVE', 'HAHA']), actor: OWNER } }],
        title: `${OWNER} likes ${person((index * 17) % people)}'s post.`,
      })),
    ),
  );

  let threadNumber = 0;
  while (zip.size < targetBytes * 0.97) {
    threadNumber++;
    const threadId = String(1_000_000_000_000_000n + BigInt(threadNumber) * 7_919n);
    const roll = next();
    const groupSize = roll < 0.8 ? 2 : roll < 0.97 ? 3 + Math.floor(next() * 6) : 15 + Math.floor(next() * 40);
    const members = Array.from({ length: groupSize - 1 }, () => person(Math.floor(next() ** 2 * people)));
    if (next() < 0.05) members[0] = '';
    const participants = [...members, OWNER].map((name) => ({ name }));
    // Pareto sizes: most threads are short, a few run to tens of thousands of messages.
    const count = Math.min(60_000, Math.floor(10 / (1 - next()) ** 1.3));
    let time = END_MS - Math.floor(next() * 30 * DAY_MS);
    const messages: Record<string, unknown>[] = [];
    for (let index = 0; index < count; index++) {
      const sender = next() < 0.45 ? OWNER : pick(members);
      time -= Math.floor(next() * 6 * 3_600_000);
      const message: Record<string, unknown> = { sender_name: sender, timestamp_ms: time };
      const kind = next();
      if (kind < 0.85) message.content = sentence(1, 30);
      else if (kind < 0.92) message.share = { link: `https://example.com/s/${threadNumber}/${index}`, share_text: sentence(2, 8) };
      else
        message.photos = [
          { uri: `your_facebook_activity/messages/inbox/${threadId}/photos/${index}.jpg`, creation_timestamp: Math.floor(time / 1000) },
        ];
      if (next() < 0.1) message.reactions = [{ reaction: pick(REACTIONS), actor: sender === OWNER ? pick(members) : OWNER }];
      message.is_geoblocked_for_viewer = false;
      message.is_unsent_image_by_messenger_kid_parent = false;
      messages.push(message);
    }
    for (let part = 0; part * PART_MESSAGES < Math.max(messages.length, 1); part++) {
      const thread = {
        participants,
        messages: messages.slice(part * PART_MESSAGES, (part + 1) * PART_MESSAGES),
        title: groupSize > 2 ? sentence(1, 4) : (members[0] ?? ''),
        is_still_participant: true,
        thread_path: `inbox/${threadId}`,
        magic_words: [],
      };
      await zip.add(`your_facebook_activity/messages/inbox/${threadId}/message_${part + 1}.json`, facebookJson(thread));
    }
    if (threadNumber % 40 === 0) {
      const photo = Buffer.alloc(64 * 1024 + Math.floor(next() * 256 * 1024));
      for (let index = 0; index < photo.length; index++) photo[index] = Math.floor(next() * 256);
      await zip.add(`your_facebook_activity/messages/inbox/${threadId}/photos/0.jpg`, photo, { store: true });
    }
  }
  await zip.close();
  return path;
}
