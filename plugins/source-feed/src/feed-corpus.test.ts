import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkIdentityReport, checkSignal } from '@handshake/sdk';
import { describe, expect, it } from 'vitest';
import { type FeedRun, readAll } from './__fixtures__/read-all.js';
import { FeedReadError } from './feed-read-error.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repositoryRoot, '../shared/corpus/feeds');
const present = existsSync(corpus);

/** The files that are not feeds, and what their error must say. */
const UNREADABLE: Readonly<Record<string, RegExp>> = {
  'rss-parser/unrecognized.rss':
    /is an HTML page \("Document Moved"\), not a feed or an OPML file; it points to http:\/\/fishhawk2\.marketwatch\.com\/rss\/pf\//,
  'opml/holllo-invalid_xml.opml': /not valid JSON/,
  'opml/nodeopmlparser-malformed.opml': /is not a feed or an OPML file: neither XML nor JSON/,
};

const files = present
  ? ['rss-parser', 'feed-extractor', 'opml'].flatMap((folder) => readdirSync(join(corpus, folder)).map((name) => `${folder}/${name}`))
  : [];

/** Entries the file holds, counted without the source's parser: items and entries, JSON Feed items, outlines with an xmlUrl. */
function entriesIn(file: string): number {
  const text = readFileSync(join(corpus, file), 'latin1');
  if (file.endsWith('.json')) return (JSON.parse(readFileSync(join(corpus, file), 'utf8')) as { items: unknown[] }).items.length;
  if (file.startsWith('opml/')) return text.match(/\bxmlurl\s*=/gi)?.length ?? 0;
  return text.match(/<(item|entry)[\s/>]/g)?.length ?? 0;
}

const runs = new Map<string, Promise<FeedRun>>();
function run(file: string): Promise<FeedRun> {
  let running = runs.get(file);
  if (!running) {
    running = readAll({ path: join(corpus, file) });
    runs.set(file, running);
  }
  return running;
}

describe.skipIf(!present)(
  'feed source on the real feeds of ../shared/corpus/feeds (skipped when ../shared/corpus is absent on this machine)',
  () => {
    it.each(files)('%s is read, or refused with an error that names it', async (file) => {
      const path = join(corpus, file);
      const expected = UNREADABLE[file];
      if (expected) {
        const error = await run(file).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(FeedReadError);
        expect((error as Error).message.startsWith(path)).toBe(true);
        expect((error as Error).message).toMatch(expected);
        return;
      }
      const result = await run(file);
      for (const signal of result.signals) expect(checkSignal(signal), `${signal.id}`).toMatchObject({ ok: true });
      for (const identity of result.identities) expect(checkIdentityReport(identity).ok, identity.id).toBe(true);
      // every entry becomes one post or follow, or is reported
      const facts = result.signals.filter((signal) => signal.kind === 'post' || signal.kind === 'follow').length;
      expect(facts + result.rejected.length + result.skipped.length).toBe(entriesIn(file));
      for (const report of [...result.rejected, ...result.skipped]) expect(report.where.startsWith(path)).toBe(true);
      expect(new Set(result.signals.map((signal) => signal.id)).size).toBe(result.signals.length);
    });

    it('reads ISO-8859-1 with a declaration (encoding.rss) and without one (uolNoticias.rss, Portuguese dates)', async () => {
      const declared = await run('rss-parser/encoding.rss');
      expect(declared.identities[0]?.displayName).toBe('Jornal de Notícias - Últimas Notícias');
      const undeclared = await run('rss-parser/uolNoticias.rss');
      expect(undeclared.signals).toHaveLength(15);
      expect(undeclared.signals[0]).toMatchObject({
        at: '2018-09-24T22:42:40Z',
        rawAt: 'Seg, 24 Set 2018 19:42:40 -0300',
        object: { text: expect.stringContaining('Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno') },
      });
    });

    it('skips the undated items of RSS 0.92 (heraldsun.rss) and the empty Atom entries', async () => {
      const heraldsun = await run('rss-parser/heraldsun.rss');
      expect(heraldsun.signals).toEqual([]);
      expect(heraldsun.skipped).toHaveLength(2);
      expect(heraldsun.skipped[0]?.reason).toMatch(/^no date/);
      expect((await run('rss-parser/missing-fields.atom')).skipped).toHaveLength(1);
    });

    it('reads Atom with 9 fractional digits, Atom 0.3, RDF and JSON Feed dates without a zone', async () => {
      const google = await run('feed-extractor/atom-feed-standard-realworld.xml');
      expect(google.identities[0]?.id).toBe('https://news.google.com/atom?hl=en-US&gl=US&ceid=US:en');
      expect(google.signals.filter((signal) => signal.kind === 'post')).toHaveLength(38);
      const atom03 = await run('feed-extractor/atom-multilinks.xml');
      expect(atom03.signals[0]).toMatchObject({
        at: '2005-10-13T18:30:02Z',
        object: { url: 'http://www.example.com/item1-info-page.html' },
      });
      const slashdot = await run('feed-extractor/rdf-standard.xml');
      expect(slashdot.identities[0]).toMatchObject({ displayName: 'Slashdot', url: 'https://slashdot.org/' });
      const adactio = await run('feed-extractor/json-feed-standard-realworld.json');
      expect(adactio.identities[0]?.id).toBe('https://adactio.com/journal/feed.json');
      expect(adactio.signals[0]).toMatchObject({
        id: 'feed:https://adactio.com/journal/feed.json 19317',
        at: '2022-07-26T13:01:01Z',
        rawAt: '2022-07-26 13:01:01',
      });
      expect(adactio.signals).toContainEqual(
        expect.objectContaining({
          kind: 'link',
          actor: { network: 'feed', id: 'https://adactio.com/journal/feed.json' },
          subject: { network: 'web', id: 'https://interconnected.org' },
        }),
      );
    });

    it("reads raw markup inside reddit's descriptions for links, and a real blogroll's 40 feeds", async () => {
      const reddit = await run('rss-parser/reddit-atom.rss');
      expect(reddit.signals.find((signal) => signal.kind === 'post')?.object?.links).toContain('https://gfycat.com/UnfinishedForkedBluet');
      const blogroll = await run('opml/matthiasott-personal-websites-subscriptions.opml');
      expect(blogroll.signals.filter((signal) => signal.kind === 'follow')).toHaveLength(40);
      expect(blogroll.identities).toContainEqual({
        network: 'feed',
        id: 'http://trentwalton.com/feed.xml',
        displayName: 'Trent Walton',
        url: 'http://trentwalton.com/',
        links: [{ to: { network: 'web', id: 'https://trentwalton.com' }, evidence: 'same-site' }],
      });
    });
  },
);
