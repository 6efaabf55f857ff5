import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkIdentityReport, checkSignal, PluginContext, type Signal, SourceContribution } from '@handshake/sdk';
import { runSource, temporaryFolder, writeFolder } from '@handshake/testing';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { readAll } from './__fixtures__/read-all.js';
import { testPluginContext } from './__fixtures__/test-plugin-context.js';
import { FeedSource } from './feed-source.js';
import { FeedSourceOptions } from './feed-source-options.js';
import { feedSourceModule } from './index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

/** The line of the element that holds `marker`'s line, counted as the feed's readers count. */
async function lineBefore(path: string, marker: string): Promise<number> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  return lines.findIndex((line) => line.includes(marker));
}

function byKind(signals: readonly Signal[], kind: string): Signal[] {
  return signals.filter((signal) => signal.kind === kind);
}

function expectValid(signals: readonly Signal[]): void {
  for (const signal of signals) expect(checkSignal(signal)).toMatchObject({ ok: true, signal: { at: signal.at } });
}

describe('feed source options', () => {
  it('takes a path or an http(s) url, and owner: me', () => {
    expect(FeedSourceOptions.parse({ path: '/feeds/dan.xml' })).toEqual({ path: '/feeds/dan.xml' });
    expect(FeedSourceOptions.parse({ url: 'https://dan.example/feed.xml', owner: 'me' })).toEqual({
      url: 'https://dan.example/feed.xml',
      owner: 'me',
    });
  });

  it('refuses two or none of path, url and plan, with a message that names all three', () => {
    const both = FeedSourceOptions.safeParse({ path: 'a.xml', url: 'https://dan.example/feed.xml' });
    expect(both.error?.issues).toEqual([
      expect.objectContaining({
        path: ['url'],
        message:
          'give only one of path (a saved feed or OPML file), url (the http(s) address of a feed or OPML file) and plan: true (the feed of every feed identity in the crawl plan); got path and url',
      }),
    ]);
    const neither = FeedSourceOptions.safeParse({ owner: 'me' });
    expect(neither.error?.issues).toEqual([
      expect.objectContaining({
        path: [],
        message:
          'expected path (a saved feed or OPML file), url (the http(s) address of a feed or OPML file) or plan: true (the feed of every feed identity in the crawl plan)',
      }),
    ]);
  });

  it('refuses a url that is not http(s), an unknown owner and unknown options', () => {
    expect(FeedSourceOptions.safeParse({ url: 'ftp://dan.example/feed.xml' }).error?.issues[0]?.message).toBe(
      'expected an http(s) address such as https://dan.example/feed.xml',
    );
    expect(FeedSourceOptions.safeParse({ path: 'a.xml', owner: 'dan' }).error?.issues[0]?.path).toEqual(['owner']);
    expect(FeedSourceOptions.safeParse({ path: 'a.xml', every: '30m' }).success).toBe(false);
  });
});

describe('feed source: RSS 2.0', () => {
  const path = fixture('blog.rss');

  it('reports the feed under its self link, with its site as same-site evidence', async () => {
    const run = await runSource(new FeedSource(testPluginContext()), { path });
    expect(run.identities).toEqual([
      {
        network: 'feed',
        id: 'https://dan.example/feed.xml',
        displayName: "Dan Example's notes",
        url: 'https://www.dan.example/',
        links: [{ to: { network: 'web', id: 'https://dan.example' }, evidence: 'same-site' }],
      },
    ]);
    for (const identity of run.identities) expect(checkIdentityReport(identity).ok).toBe(true);
  });

  it('turns items into posts with text, topics and the links of description and content:encoded', async () => {
    const run = await readAll({ path });
    expectValid(run.signals);
    const dan = { network: 'feed', id: 'https://dan.example/feed.xml' };
    const posts = byKind(run.signals, 'post');
    expect(posts.map((post) => post.id)).toEqual([
      'feed:https://dan.example/feed.xml tag:dan.example,2017:1',
      'feed:https://dan.example/feed.xml https://dan.example/2017/links',
      'feed:https://dan.example/feed.xml https://dan.example/2016/dc',
    ]);
    expect(posts[0]).toEqual({
      id: 'feed:https://dan.example/feed.xml tag:dan.example,2017:1',
      network: 'feed',
      kind: 'post',
      actor: dan,
      subject: dan,
      at: '2017-05-12T14:10:53Z',
      rawAt: 'Fri, 12 May 2017 19:40:53 +0530',
      object: {
        url: 'https://dan.example/2017/ownership',
        text: 'Reading Alice on ownership\nAlice explains ownership better than I do. See about.',
        topics: ['Rust', 'webdev'],
        // mailto: is no page, and the <a> inside <script> is no link
        links: [
          'https://alice.example/ownership',
          'https://bob.example/borrowing?x=1&y=2',
          'https://github.com/bob/borrow',
          'https://dan.example/about',
        ],
      },
    });
    // a bare & in the title, and raw markup (not escaped, not CDATA) in the description
    expect(posts[1]).toMatchObject({
      at: '2017-07-07T10:00:00Z',
      rawAt: 'Fri, 07 Jul 2017 10:00:00 UTC',
      object: {
        text: "Tom & Jerry, and Carol's links\nCarol wrote and so did Carol again.",
        links: ['https://carol.example/?a=1&b=2', 'https://www.carol.example/again'],
      },
    });
    // dc:date, and a guid that is a permalink by default
    expect(posts[2]).toEqual(
      expect.objectContaining({ at: '2016-05-13T15:14:05Z', object: { url: 'https://dan.example/2016/dc', text: 'Dated by Dublin Core' } }),
    );
    expect(posts[2]).not.toHaveProperty('rawAt');
  });

  it('links the feed to the personal sites its items link to, once per site, never to its own site or a shared host', async () => {
    const run = await readAll({ path });
    expect(byKind(run.signals, 'link')).toEqual([
      {
        id: 'feed:https://dan.example/feed.xml tag:dan.example,2017:1#link:https://alice.example',
        network: 'feed',
        kind: 'link',
        actor: { network: 'feed', id: 'https://dan.example/feed.xml' },
        subject: { network: 'web', id: 'https://alice.example' },
        at: '2017-05-12T14:10:53Z',
        rawAt: 'Fri, 12 May 2017 19:40:53 +0530',
        object: { url: 'https://alice.example/ownership', text: 'Reading Alice on ownership' },
      },
      expect.objectContaining({ subject: { network: 'web', id: 'https://bob.example' } }),
      expect.objectContaining({
        id: 'feed:https://dan.example/feed.xml https://dan.example/2017/links#link:https://carol.example',
        subject: { network: 'web', id: 'https://carol.example' },
        object: {
          url: 'https://carol.example/?a=1&b=2',
          text: "Tom & Jerry, and Carol's links",
          links: ['https://carol.example/?a=1&b=2', 'https://www.carol.example/again'],
        },
      }),
    ]);
  });

  it('skips an item without a date, rejects an unreadable one and skips a repeated id, each with its item and line', async () => {
    const run = await readAll({ path });
    const noDate = await lineBefore(path, 'A draft with no date');
    const badDate = await lineBefore(path, 'A date nobody can read');
    const again = await lineBefore(path, 'The first post again');
    expect(run.rejected).toEqual([{ where: `${path} item 5 (line ${badDate})`, reason: 'unreadable date "someday"' }]);
    expect(run.skipped).toEqual([
      { where: `${path} item 4 (line ${noDate})`, reason: 'no date (pubDate, dc:date, published, updated or date_published)' },
      { where: `${path} item 6 (line ${again})`, reason: 'repeats the id of item 1 ("tag:dan.example,2017:1")' },
    ]);
  });

  it("reports the feed as the user's with owner: me", async () => {
    const run = await readAll({ path, owner: 'me' });
    expect(run.identities[0]).toMatchObject({ network: 'feed', id: 'https://dan.example/feed.xml', owner: true });
  });
});

describe('feed source: RSS 0.91/0.92 and ISO-8859-1', () => {
  const channel =
    '<rss version="0.91"><channel><title>Café Olé</title><link>https://cafe.example/</link><description>Notícias</description>\n' +
    '<item><title>Crème brûlée</title><link>https://cafe.example/creme</link><description>Voilà &amp;eacute;t&amp;eacute;</description>' +
    '<pubDate>03 Apr 02 1500 GMT</pubDate></item>\n</channel></rss>\n';

  it('reads a declared ISO-8859-1 feed with a DOCTYPE and a 2-digit year', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'cafe.rss': Buffer.from(
        `<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n${channel}`,
        'latin1',
      ),
    });
    const path = join(folder, 'cafe.rss');
    const run = await readAll({ path });
    expect(run.identities[0]).toMatchObject({ id: pathToFileURL(path).href, displayName: 'Café Olé', url: 'https://cafe.example/' });
    expect(run.signals).toEqual([
      expect.objectContaining({
        kind: 'post',
        at: '2002-04-03T15:00:00Z',
        rawAt: '03 Apr 02 1500 GMT',
        object: { url: 'https://cafe.example/creme', text: 'Crème brûlée\nVoilà été' },
      }),
    ]);
  });

  it('reads an ISO-8859-1 feed without a declaration (uolNoticias.rss), which is not valid UTF-8, as ISO-8859-1', async () => {
    const context = testPluginContext();
    const folder = await writeFolder(await temporaryFolder(), { 'cafe.rss': Buffer.from(channel, 'latin1') });
    const path = join(folder, 'cafe.rss');
    const run = await readAll({ path }, undefined, new FeedSource(context));
    expect(run.signals[0]?.object?.text).toBe('Crème brûlée\nVoilà été');
    expect(context.logged).toContainEqual(expect.objectContaining({ level: 'info', fields: { feed: path } }));
  });
});

describe('feed source: RSS 1.0 (RDF)', () => {
  it('reads the items beside the channel, keyed by rdf:about, dated by dc:date', async () => {
    const path = fixture('blog.rdf');
    const run = await readAll({ path });
    const ivan = { network: 'feed', id: pathToFileURL(path).href };
    expect(run.identities[0]).toMatchObject({ ...ivan, displayName: "Ivan's RDF", url: 'https://ivan.example/' });
    expect(run.signals).toEqual([
      {
        id: `feed:${ivan.id} https://ivan.example/1`,
        network: 'feed',
        kind: 'post',
        actor: ivan,
        subject: ivan,
        at: '2003-12-13T23:30:02Z',
        rawAt: '2003-12-13T18:30:02-05:00',
        object: { url: 'https://ivan.example/1', text: 'One\nLinks to Judy', topics: ['semweb'], links: ['https://judy.example/x'] },
      },
      expect.objectContaining({ kind: 'link', subject: { network: 'web', id: 'https://judy.example' } }),
    ]);
  });
});

describe('feed source: Atom', () => {
  it('reads xml:base, self and alternate links, xhtml and html content, related and via links, categories and published', async () => {
    const run = await readAll({ path: fixture('blog.atom') });
    expectValid(run.signals);
    const erin = { network: 'feed', id: 'https://erin.example/feed.atom' };
    expect(run.identities).toEqual([
      {
        ...erin,
        displayName: 'Erin <3 type systems',
        url: 'https://erin.example/',
        links: [{ to: { network: 'web', id: 'https://erin.example' }, evidence: 'same-site' }],
      },
    ]);
    const [types, updated] = byKind(run.signals, 'post');
    expect(types).toEqual({
      id: 'feed:https://erin.example/feed.atom tag:erin.example,2022:/types',
      network: 'feed',
      kind: 'post',
      actor: erin,
      subject: erin,
      // published wins over updated; 9 fractional digits keep their milliseconds
      at: '2022-07-26T08:00:00.123Z',
      rawAt: '2022-07-26T10:00:00.123456789+02:00',
      object: {
        url: 'https://erin.example/2022/types',
        text: 'Types, with Frank\nFrank talks types.',
        topics: ['types', 'Haskell'],
        links: ['https://frank.example/', 'https://erin.example/2022/notes', 'https://frank.example/types-talk', 'https://grace.example/'],
      },
    });
    // type="text" content is text: its <b> is not markup and its URL is not a link
    expect(updated).toMatchObject({
      at: '2022-01-02T03:04:05Z',
      object: { text: 'Only updated\nPlain <b>text</b>, not markup: https://heidi.example/' },
    });
    expect(updated?.object).not.toHaveProperty('links');
    expect(byKind(run.signals, 'link').map((link) => [link.subject.id, link.object?.links ?? [link.object?.url]])).toEqual([
      ['https://frank.example', ['https://frank.example/', 'https://frank.example/types-talk']],
      ['https://grace.example', ['https://grace.example/']],
    ]);
  });

  it('tells Atom by its root element, whatever the extension says (Atom served as .rss)', async () => {
    const folder = await temporaryFolder();
    await copyFile(fixture('blog.atom'), join(folder, 'feed.rss'));
    const run = await readAll({ path: join(folder, 'feed.rss') });
    expect(run.identities[0]?.id).toBe('https://erin.example/feed.atom');
    expect(byKind(run.signals, 'post')).toHaveLength(2);
  });
});

describe('feed source: JSON Feed', () => {
  it('reads JSON Feed 1.1: authors[], external_url, content_html links, tags, a date without zone and a numeric id', async () => {
    const path = fixture('blog-1.1.json');
    const run = await readAll({ path });
    expectValid(run.signals);
    const kim = { network: 'feed', id: 'https://kim.example/feed.json' };
    expect(run.identities).toEqual([
      {
        ...kim,
        displayName: "Kim's microblog",
        url: 'https://kim.example/',
        links: [{ to: { network: 'web', id: 'https://kim.example' }, evidence: 'same-site' }],
      },
    ]);
    expect(run.signals).toEqual([
      {
        id: 'feed:https://kim.example/feed.json 2',
        network: 'feed',
        kind: 'post',
        actor: kim,
        subject: kim,
        at: '2022-07-26T13:01:01Z',
        rawAt: '2022-07-26 13:01:01',
        object: {
          url: 'https://kim.example/2',
          text: "Leo's essay\nRead Mia too, and my note.",
          topics: ['essays', 'reading'],
          links: ['https://leo.example/essay', 'https://mia.example/', 'https://kim.example/3'],
        },
      },
      expect.objectContaining({ kind: 'link', subject: { network: 'web', id: 'https://leo.example' } }),
      expect.objectContaining({ kind: 'link', subject: { network: 'web', id: 'https://mia.example' } }),
      expect.objectContaining({
        id: 'feed:https://kim.example/feed.json 3',
        kind: 'post',
        at: '2022-08-01T17:00:00Z',
        object: { text: 'A note without a title' },
      }),
    ]);
    expect(run.rejected).toEqual([{ where: `${path} item 3`, reason: 'expected an object, received a string' }]);
    expect(run.skipped).toEqual([{ where: `${path} item 4`, reason: expect.stringContaining('no date') }]);
  });

  it('reads JSON Feed 1.0 with author, and keeps a file identity when feed_url is relative', async () => {
    const path = fixture('blog-1.0.json');
    const run = await readAll({ path });
    const noor = { network: 'feed', id: pathToFileURL(path).href };
    expect(run.identities[0]).toMatchObject({ ...noor, displayName: 'Noor writes', url: 'https://noor.example/' });
    expect(run.signals).toEqual([
      expect.objectContaining({
        actor: noor,
        at: '2020-08-07T18:44:36Z',
        object: { url: 'https://noor.example/hello', text: 'Hello, world', links: ['https://olga.example/'] },
      }),
      expect.objectContaining({ kind: 'link', subject: { network: 'web', id: 'https://olga.example' } }),
    ]);
  });
});

describe('feed source: what is not a feed', () => {
  it('names an HTML redirect page saved as .rss, and where it points', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'unrecognized.rss':
        '<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>This document may be found <a HREF="http://fishhawk.example/rss/">here</a></body>',
    });
    const path = join(folder, 'unrecognized.rss');
    await expect(readAll({ path })).rejects.toThrow(
      `${path} is an HTML page ("Document Moved"), not a feed or an OPML file; it points to http://fishhawk.example/rss/`,
    );
  });

  it('names the feed a blog home page declares', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'index.html':
        '<!DOCTYPE html><html><head><title>Dan</title><link rel="alternate" type="application/rss+xml" href="https://dan.example/feed.xml"></head><body></body></html>',
    });
    await expect(readAll({ path: join(folder, 'index.html') })).rejects.toThrow('it names https://dan.example/feed.xml: use that address');
  });

  it('gives the line and column of XML that is not well formed, the root of XML that is no feed, and JSON that is no JSON Feed', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'broken.xml': '<rss version="2.0">\n<channel><title>x</title>\n<item><title>y</item></channel></rss>',
      'svg.xml': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'data.json': '{"items": []}',
    });
    await expect(readAll({ path: join(folder, 'broken.xml') })).rejects.toThrow(/broken\.xml: not well-formed XML at line 3, column \d+/);
    await expect(readAll({ path: join(folder, 'svg.xml') })).rejects.toThrow('svg.xml: the root element <svg> is not a feed');
    await expect(readAll({ path: join(folder, 'data.json') })).rejects.toThrow('data.json: JSON, but not a JSON Feed');
  });

  it('names a file it cannot read', async () => {
    const folder = await temporaryFolder();
    await expect(readAll({ path: join(folder, 'missing.xml') })).rejects.toThrow(
      `cannot read ${join(folder, 'missing.xml')}: no such file`,
    );
    await expect(readAll({ path: folder })).rejects.toThrow(`cannot read ${folder}: it is a folder`);
  });
});

describe('feed source: cursor and batches', () => {
  it('reads an unchanged file once, and a changed one again with the same signal ids', async () => {
    const folder = await temporaryFolder();
    const path = join(folder, 'feed.xml');
    await copyFile(fixture('blog.rss'), path);
    const first = await readAll({ path });
    expect(first.signals.length).toBeGreaterThan(0);
    const again = await readAll({ path }, first.cursor);
    expect(again.batches).toEqual([]);

    // the feed slides: a new item on top, the old ones still there
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text.replace(
        '<item>',
        '<item><title>New</title><link>https://dan.example/new</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>\n<item>',
      ),
    );
    const changed = await readAll({ path }, first.cursor);
    expect(changed.signals.map((signal) => signal.id)).toEqual([
      'feed:https://dan.example/feed.xml https://dan.example/new',
      ...first.signals.map((signal) => signal.id),
    ]);
  });

  it('yields batches of about 2,000 signals holding whole items, and resumes after the last committed one', async () => {
    const items = Array.from(
      { length: 1500 },
      (_, index) =>
        `<item><guid>post-${index}</guid><title>Post ${index}</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>` +
        `<description>&lt;a href="https://friend${index % 7}.example/"&gt;a friend&lt;/a&gt;</description></item>`,
    );
    const folder = await writeFolder(await temporaryFolder(), {
      'big.xml': `<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>\n${items.join('\n')}\n</channel></rss>`,
    });
    const path = join(folder, 'big.xml');
    const whole = await readAll({ path });
    expect(whole.signals).toHaveLength(3000);
    expect(whole.batches.map((batch) => batch.signals.length)).toEqual([2000, 1000]);
    expect(whole.batches[0]?.signals.at(-1)?.kind).toBe('link');
    expect(whole.batches.map((batch) => batch.progress)).toEqual([
      { done: 1000, total: 1500, unit: 'records' },
      { done: 1500, total: 1500, unit: 'records' },
    ]);

    const resumed = await readAll({ path }, whole.batches[0]?.cursor);
    expect(resumed.signals.map((signal) => signal.id)).toEqual(whole.signals.slice(2000).map((signal) => signal.id));
    expect(new Set(whole.signals.map((signal) => signal.id)).size).toBe(3000);
  });

  it('commits an empty feed, so it is not read again', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'empty.xml': '<rss version="2.0"><channel><title>Empty</title></channel></rss>',
    });
    const first = await readAll({ path: join(folder, 'empty.xml') });
    expect(first.batches).toHaveLength(1);
    expect(first.identities).toEqual([expect.objectContaining({ displayName: 'Empty' })]);
    expect((await readAll({ path: join(folder, 'empty.xml') }, first.cursor)).batches).toEqual([]);
  });
});

describe('feed source module', () => {
  it('binds the feed source to SourceContribution', () => {
    const container = new Container();
    container.bind(PluginContext).toConstantValue(testPluginContext());
    container.load(feedSourceModule);
    const sources = container.getAll<SourceContribution>(SourceContribution);
    expect(sources.map((source) => source.kind)).toEqual(['feed']);
    expect(sources[0]).toBeInstanceOf(FeedSource);
  });
});
