import {
  DAY_MS,
  decay,
  type LedgerView,
  memoPerView,
  type Person,
  type PersonId,
  type SignalKind,
  type SignalRecord,
} from '@handshake/sdk';

/** How much each kind of engagement says about whom the target values. */
const ENGAGEMENT_WEIGHTS: Readonly<Partial<Record<SignalKind, number>>> = {
  message: 3,
  contribution: 3,
  reply: 2.5,
  comment: 2,
  mention: 1.5,
  share: 1.5,
  link: 1.5,
  endorsement: 1.5,
  connection: 1,
  like: 0.5,
  follow: 0.5,
};

export interface WorldPerson {
  readonly person: PersonId;
  readonly name: string;
  readonly weight: number;
  readonly count: number;
  readonly lastAt: number;
}

export interface WorldTopic {
  readonly topic: string;
  readonly count: number;
  readonly lastAt: number;
  /** The user rarely or never posts about it. */
  readonly outsideUserField: boolean;
}

export interface WorldProject {
  readonly project: string;
  readonly count: number;
  readonly lastAt: number;
  readonly evidence: readonly string[];
}

/** What a target values, as the ledger shows it. */
export interface WorldModel {
  /** Whom the target follows and engages most, by decayed weight. */
  readonly circle: readonly WorldPerson[];
  /** Whose work the target shares or links to. */
  readonly shared: readonly WorldPerson[];
  readonly topics: readonly WorldTopic[];
  /** Projects the target contributes to. */
  readonly projects: readonly WorldProject[];
  /** The target's latest posts, newest first. */
  readonly recentPosts: readonly SignalRecord[];
}

export interface WorldOptions {
  readonly halfLife: number;
  readonly circleSize: number;
}

/** The target's world, memoized per ledger view: `world` and `contribution` read it for the same round. */
export function worldOf(ledger: LedgerView, me: Person, target: Person, now: number, options: WorldOptions): WorldModel {
  return memoPerView(ledger, `world|${me.id}|${target.id}|${now}|${options.halfLife}|${options.circleSize}`, () =>
    buildWorld(ledger, me, target, now, options),
  );
}

function buildWorld(ledger: LedgerView, me: Person, target: Person, now: number, options: WorldOptions): WorldModel {
  const circle = new Map<PersonId, { weight: number; count: number; lastAt: number }>();
  const shared = new Map<PersonId, { weight: number; count: number; lastAt: number }>();
  for (const tie of ledger.ties(target.id, 'out')) {
    if (tie.subject === me.id || tie.subject === target.id || tie.kind === 'block' || tie.kind === 'mute' || tie.lastAt > now) continue;
    // Ties keep only their last instant: the whole tie decays from it, a fair summary for ranking.
    const weight = tie.count * (ENGAGEMENT_WEIGHTS[tie.kind] ?? 1) * decay(now - tie.lastAt, options.halfLife);
    add(circle, tie.subject, weight, tie.count, tie.lastAt);
    if (tie.kind === 'share' || tie.kind === 'link') add(shared, tie.subject, weight, tie.count, tie.lastAt);
  }
  const userTopics = new Set(ledger.topics(me.id, 30).map((topic) => topic.topic));
  const topics = ledger.topics(target.id, 10).map((topic) => ({ ...topic, outsideUserField: !userTopics.has(topic.topic) }));
  const projects = new Map<string, { count: number; lastAt: number; evidence: string[] }>();
  for (const signal of ledger.signalsBy(target.id, { kinds: ['contribution'], until: now + 1, limit: 500 })) {
    const project = projectOf(signal, ledger);
    const entry = projects.get(project) ?? { count: 0, lastAt: 0, evidence: [] };
    entry.count++;
    entry.lastAt = Math.max(entry.lastAt, signal.at);
    if (entry.evidence.length < 3) entry.evidence.push(signal.id);
    projects.set(project, entry);
  }
  return {
    circle: ranked(circle, ledger, options.circleSize),
    shared: ranked(shared, ledger, options.circleSize),
    topics,
    projects: [...projects]
      .map(([project, entry]) => ({ project, ...entry }))
      .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || (a.project < b.project ? -1 : 1))
      .slice(0, 5),
    recentPosts: ledger.signalsBy(target.id, { kinds: ['post'], until: now + 1, limit: 5 }),
  };
}

function add(
  map: Map<PersonId, { weight: number; count: number; lastAt: number }>,
  person: PersonId,
  weight: number,
  count: number,
  lastAt: number,
) {
  const entry = map.get(person) ?? { weight: 0, count: 0, lastAt: 0 };
  entry.weight += weight;
  entry.count += count;
  entry.lastAt = Math.max(entry.lastAt, lastAt);
  map.set(person, entry);
}

function ranked(map: Map<PersonId, { weight: number; count: number; lastAt: number }>, ledger: LedgerView, size: number): WorldPerson[] {
  return [...map]
    .sort(([a, x], [b, y]) => y.weight - x.weight || (a < b ? -1 : 1))
    .slice(0, size)
    .map(([person, entry]) => ({ person, name: ledger.person(person)?.name ?? person, ...entry }));
}

/** A contribution's project: the repository or page it went to, else the person who owns it. */
function projectOf(signal: SignalRecord, ledger: LedgerView): string {
  const url = signal.object?.url;
  if (url) {
    const match = /^https?:\/\/(?:www\.)?github\.com\/([^/]+\/[^/#?]+)/i.exec(url);
    if (match) return `github.com/${match[1]}`;
    try {
      const parsed = new URL(url);
      return `${parsed.host}${parsed.pathname.split('/').slice(0, 3).join('/')}`.replace(/\/$/, '');
    } catch {
      // not a URL: fall back to the person
    }
  }
  return ledger.person(signal.subject)?.name ?? signal.subject;
}

export function daysAgo(at: number, now: number): number {
  return Math.floor((now - at) / DAY_MS);
}
