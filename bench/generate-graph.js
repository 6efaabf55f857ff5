import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** A deterministic pseudo-random generator (mulberry32), so every run benchmarks the same data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NETWORKS = ['mastodon', 'twitter', 'github', 'bluesky'];
const TOPICS = [
  'rust',
  'typescript',
  'databases',
  'distributed-systems',
  'ml',
  'design',
  'climate',
  'music',
  'hiring',
  'open-source',
  'security',
  'wasm',
];
const DAY = 86_400_000;

function identityOf(person) {
  const network = NETWORKS[person % NETWORKS.length];
  const id =
    network === 'mastodon'
      ? `https://m${person % 97}.example/users/u${person}`
      : network === 'bluesky'
        ? `did:plc:p${person}`
        : String(100000 + person);
  return { network, id };
}

/**
 * Writes a realistic social graph as JSON lines: one user, `people` others whose activity follows
 * a power law, follows once per pair, and repeated interactions concentrated on close ties. About
 * a third of the signals are the user's own; the rest are other people's worlds, as API sources
 * bring them.
 */
export async function generateGraph(file, { signals, people = 20_000, seed = 7, end = Date.parse('2026-11-01T00:00:00Z') }) {
  const next = random(seed);
  // Zipf-like popularity: a few people are in many signals, most in few.
  const pick = () => 1 + Math.floor(people * next() ** 2.2);
  const me = 0;
  const out = createWriteStream(file);
  const write = async (line) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  for (let person = 0; person <= people; person++) {
    const identity = identityOf(person);
    await write(
      JSON.stringify({
        type: 'identity',
        ...identity,
        displayName: person === me ? 'Bench User' : `Person ${person}`,
        handle: `@p${person}`,
      }),
    );
  }
  const span = 3 * 365 * DAY;
  const start = end - span;
  const followed = new Set();
  for (let index = 0; index < signals; index++) {
    const mine = next() < 0.35;
    const actor = mine ? me : pick();
    let subject = pick();
    if (!mine && next() < 0.25) subject = me;
    if (subject === actor) subject = (subject % people) + 1;
    const at = new Date(start + Math.floor((index / signals) * span + next() * DAY)).toISOString().replace('.000Z', 'Z');
    const a = identityOf(actor);
    const b = identityOf(subject);
    const roll = next();
    let kind;
    let object;
    const pair = `${actor}>${subject}`;
    if (roll < 0.08 && !followed.has(pair)) {
      kind = 'follow';
      followed.add(pair);
    } else if (roll < 0.4) kind = 'like';
    else if (roll < 0.55) kind = 'reply';
    else if (roll < 0.65) kind = 'mention';
    else if (roll < 0.73) kind = 'share';
    else if (roll < 0.8) kind = 'message';
    else {
      kind = 'post';
      object = { text: `post ${index}`, topics: [TOPICS[Math.floor(next() * TOPICS.length)]], url: `https://example.org/p/${index}` };
    }
    const subjectIdentity = kind === 'post' ? a : b;
    const signal = { id: `${a.network}:bench/${index}`, network: a.network, kind, actor: a, subject: subjectIdentity, at };
    if (object) signal.object = object;
    await write(JSON.stringify(signal));
  }
  out.end();
  await once(out, 'finish');
  return {
    me: identityOf(me),
    people,
    targets: (count) => Array.from({ length: count }, (_, i) => identityOf(1 + Math.floor((i * people) / count))),
  };
}
