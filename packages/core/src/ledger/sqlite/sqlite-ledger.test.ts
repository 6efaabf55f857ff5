import { join } from 'node:path';
import { checkSignal, ManualClock, type Signal } from '@handshake/sdk';
import { temporaryFolder } from '@handshake/testing';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerBatch } from '../ledger.js';
import { SqliteLedger } from './sqlite-ledger.js';

const logger = pino({ level: 'silent' });
const clock = new ManualClock('2026-06-01T00:00:00Z');
const open: SqliteLedger[] = [];

afterEach(() => {
  for (const ledger of open.splice(0)) ledger.close();
});

async function freshLedger(): Promise<{ ledger: SqliteLedger; path: string }> {
  const path = join(await temporaryFolder(), 'ledger.db');
  const ledger = SqliteLedger.open({ path, clock, logger });
  open.push(ledger);
  ledger.declarePersons({ name: 'Ada Lovelace', identities: { mastodon: ['https://a.example/users/ada'], github: ['1001'] } }, [
    { name: 'Dan Example', identities: { twitter: ['783214'] } },
  ]);
  return { ledger, path };
}

const ada = { network: 'mastodon', id: 'https://a.example/users/ada' };
const dan = { network: 'twitter', id: '783214' };
const alice = { network: 'mastodon', id: 'https://a.example/users/alice' };

function signal(
  id: string,
  kind: Signal['kind'],
  actor: Signal['actor'],
  subject: Signal['subject'],
  at: string,
  object?: Signal['object'],
): LedgerBatch['signals'][number] {
  const checked = checkSignal({ id, network: actor.network, kind, actor, subject, at, object });
  if (!checked.ok) throw new Error(checked.reason);
  return { signal: checked.signal, time: checked.time };
}

function batch(cursor: string, signals: LedgerBatch['signals'], identities: LedgerBatch['identities'] = []): LedgerBatch {
  return { source: 'test', signals, identities, cursor };
}

const sample = [
  signal('s1', 'reply', ada, alice, '2026-05-01T10:00:00Z'),
  signal('s2', 'reply', alice, ada, '2026-05-02T10:00:00Z'),
  signal('s3', 'mention', alice, dan, '2026-05-03T10:00:00Z'),
  signal('s4', 'post', dan, dan, '2026-05-04T10:00:00Z', { topics: ['#Rust', 'wasm'] }),
];

describe('SqliteLedger', () => {
  it('stores a fact once: the same batch committed twice stores nothing new', async () => {
    const { ledger } = await freshLedger();
    const first = ledger.commit([batch('c1', sample)]);
    expect(first.bySource.get('test')).toEqual({ stored: 4, duplicate: 0, forgotten: 0 });
    const again = ledger.commit([batch('c1', sample)]);
    expect(again.bySource.get('test')).toEqual({ stored: 0, duplicate: 4, forgotten: 0 });
    expect(ledger.stats()).toMatchObject({ signals: 4, byKind: { reply: 2, mention: 1, post: 1 }, bySource: { test: 4 } });
  });

  it('commits a batch with its cursor, and a rolled-back stage leaves neither', async () => {
    const { ledger } = await freshLedger();
    ledger.stage(batch('after-s2', sample.slice(0, 2)));
    ledger.rollbackStaged();
    expect(ledger.cursor('test')).toBeUndefined();
    expect(ledger.stats().signals).toBe(0);
    ledger.commit([batch('after-s2', sample.slice(0, 2))]);
    expect(ledger.cursor('test')).toBe('after-s2');
    expect(ledger.stats().signals).toBe(2);
  });

  it('folds ties and topics, and answers the view in a stable order', async () => {
    const { ledger } = await freshLedger();
    ledger.commit([batch('c', sample)]);
    const view = ledger.view();
    const me = view.me();
    const [danPerson] = ledger.findPersons('Dan Example');
    const [alicePerson] = ledger.findPersons('mastodon:https://a.example/users/alice');
    expect(me.name).toBe('Ada Lovelace');
    expect(view.tiesFrom(me.id, alicePerson?.id as string)).toEqual([
      {
        actor: me.id,
        subject: alicePerson?.id,
        kind: 'reply',
        count: 1,
        firstAt: Date.parse('2026-05-01T10:00:00Z'),
        lastAt: Date.parse('2026-05-01T10:00:00Z'),
      },
    ]);
    expect(view.mutuals(me.id, danPerson?.id as string)).toEqual([alicePerson?.id]);
    expect(view.topics(danPerson?.id as string).map((topic) => topic.topic)).toEqual(['rust', 'wasm']);
    expect(view.signalsAbout(danPerson?.id as string, { kinds: ['mention'] }).map((record) => record.id)).toEqual(['s3']);
  });

  it("merges identities only on strong evidence: the config, a verified link, an export's owner; never a shared handle", async () => {
    const { ledger } = await freshLedger();
    const bob = { network: 'mastodon', id: 'https://b.example/users/bob' };
    const bobGithub = { network: 'github', id: '777' };
    const impostor = { network: 'twitter', id: '555' };
    ledger.commit([
      batch(
        'c',
        [signal('x1', 'follow', bob, ada, '2026-05-01T00:00:00Z'), signal('x2', 'follow', impostor, ada, '2026-05-01T00:00:00Z')],
        [
          { ...bob, handle: '@bob@b.example', displayName: 'Bob', links: [{ to: bobGithub, evidence: 'verified-link' }] },
          { ...impostor, handle: 'bob', displayName: 'Bob' },
          { network: 'twitter', id: '42', owner: true, handle: 'ada' },
        ],
      ),
    ]);
    const bobs = ledger.findPersons('Bob');
    expect(bobs).toHaveLength(2);
    const merged = bobs.find((person) => person.identities.length === 2);
    expect(merged?.identities).toEqual([bob, bobGithub]);
    expect(ledger.me().identities).toEqual(
      expect.arrayContaining([ada, { network: 'github', id: '1001' }, { network: 'twitter', id: '42' }]),
    );
    expect(ledger.targets().map((person) => person.name)).toEqual(['Dan Example']);
  });

  it('gives the same ledger whether a large import runs as a bulk load or not', async () => {
    const signals = Array.from({ length: 3000 }, (_, index) =>
      signal(
        `bulk-${index}`,
        index % 3 === 0 ? 'like' : 'reply',
        index % 2 ? ada : alice,
        index % 5 ? dan : alice,
        new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
      ),
    );
    const { ledger: plain } = await freshLedger();
    const { ledger: bulk, path } = await freshLedger();
    plain.commit([batch('c', signals.slice(0, 1500))]);
    plain.commit([batch('c', signals)]);
    bulk.beginBulkLoad(3000);
    expect(() => bulk.view()).toThrow('bulk load');
    bulk.commit([batch('c', signals.slice(0, 1500))]);
    bulk.commit([batch('c', signals)]);
    bulk.endBulkLoad();
    expect(bulk.stats()).toEqual(plain.stats());
    const ties = (ledgerPath: string) =>
      new Database(ledgerPath, { readonly: true }).prepare('SELECT * FROM ties ORDER BY actor, subject, kind').all();
    expect(ties(path)).toEqual(ties((plain as unknown as { db: { name: string } }).db.name));
  });

  it('finishes a bulk load that a crash cut short when it is next opened', async () => {
    const { ledger, path } = await freshLedger();
    ledger.beginBulkLoad(10);
    ledger.commit([batch('c', sample)]);
    // Leave without endBulkLoad, as a killed process would: no read indexes, no ties yet.
    (ledger as unknown as { db: Database.Database }).db.close();
    open.splice(open.indexOf(ledger), 1);
    const indexes = () =>
      new Database(path, { readonly: true })
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all();
    expect(indexes()).toEqual(['decisions_target', 'identities_person']);
    const reopened = SqliteLedger.open({ path, clock, logger });
    open.push(reopened);
    expect(indexes()).toEqual(['decisions_target', 'identities_person', 'signals_key', 'signals_pair', 'ties_subject']);
    expect(
      reopened.view().tiesFrom(reopened.me().id, reopened.findPersons('mastodon:https://a.example/users/alice')[0]?.id as string),
    ).toHaveLength(1);
  });

  it('forgets a person in every table, and a re-import does not bring them back', async () => {
    const { ledger, path } = await freshLedger();
    const grace = { network: 'mastodon', id: 'https://g.example/users/grace' };
    const graceSignals = [
      signal('grace-reply', 'reply', grace, ada, '2026-05-01T00:00:00Z'),
      signal('grace-follow', 'follow', ada, grace, '2026-05-02T00:00:00Z'),
      signal('grace-intro', 'introduction', ada, alice, '2026-05-03T00:00:00Z', { about: grace, outcome: 'asked' }),
    ];
    ledger.commit([batch('c', [...sample, ...graceSignals], [{ ...grace, handle: '@grace@g.example', displayName: 'Grace Hopper' }])]);
    const [person] = ledger.findPersons('Grace Hopper');
    ledger.recordDecision({
      at: '2026-06-01T00:00:00Z',
      target: { name: 'Dan Example', person: 'p_2' },
      status: 'warm-up',
      readiness: 0.2,
      reasons: [{ rule: 'r', text: 'Grace Hopper follows Dan', evidence: ['grace-reply'] }],
      nextSteps: [],
    });
    const result = ledger.forget(person?.id as string);
    expect(result).toMatchObject({ name: 'Grace Hopper', identities: 1, signals: 3, decisions: 1 });
    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all()) {
        const text = JSON.stringify(row);
        // Quoted where a needle is short: the salt and tombstones are random base64 that may hold it.
        for (const needle of ['g.example', 'Grace', `"${person?.id}"`, 'grace-reply', 'grace-follow', 'grace-intro'])
          expect(`${table}: ${text}`).not.toContain(needle);
      }
    }
    const again = ledger.commit([batch('c', graceSignals)]);
    expect(again.bySource.get('test')).toMatchObject({ stored: 0, forgotten: 3 });
    expect(ledger.stats().signals).toBe(4);
  });
});
