import { createHttpClient, type DisposableHttpClient, systemClock } from '@handshake/sdk';
import { FixtureServer, fixtureFaults } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from './__fixtures__/read-all.js';
import { testPluginContext } from './__fixtures__/test-plugin-context.js';
import { FeedSource } from './feed-source.js';

const server = new FixtureServer();
let http: DisposableHttpClient;
let source: FeedSource;

beforeAll(async () => {
  await server.start();
  const context = testPluginContext();
  // Two attempts with a 1 ms backoff: a 500 is retried once, quickly.
  http = createHttpClient({ clock: systemClock, logger: context.logger, maxAttempts: 2, baseBackoffMs: 1, maxBackoffMs: 1 });
  source = new FeedSource(testPluginContext(http));
});

afterEach(() => server.reset());

afterAll(async () => {
  await http.dispose();
  await server.stop();
});

/** An ISO-8859-1 feed with no XML declaration, as uolNoticias.rss is served: only the header names its charset. */
const latin1Feed = Buffer.from(
  '<rss version="2.0"><channel><title>Notícias</title><link>/</link>' +
    '<item><title>Últimas notícias</title><link>/noticias/1</link><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>' +
    '<description>&lt;a href="/sobre"&gt;Sobre&lt;/a&gt; e &lt;a href="https://amiga.example/"&gt;uma amiga&lt;/a&gt;</description></item>' +
    '</channel></rss>',
  'latin1',
);

describe('feed source over HTTP', () => {
  it('decodes in the charset of the Content-Type header, resolves relative URLs against the address, and keys the feed by it', async () => {
    server.route({
      path: '/feed.rss',
      responses: { headers: { 'content-type': 'application/rss+xml; charset=ISO-8859-1' }, body: latin1Feed },
    });
    const url = `${server.url}/feed.rss`;
    const run = await readAll({ url }, undefined, source);
    expect(run.identities[0]).toMatchObject({ network: 'feed', id: url, displayName: 'Notícias', url: `${server.url}/` });
    expect(run.signals).toEqual([
      expect.objectContaining({
        id: `feed:${url} ${server.url}/noticias/1`,
        kind: 'post',
        at: '2018-09-24T22:42:40Z',
        object: {
          url: `${server.url}/noticias/1`,
          text: 'Últimas notícias\nSobre e uma amiga',
          links: [`${server.url}/sobre`, 'https://amiga.example/'],
        },
      }),
      expect.objectContaining({ kind: 'link', subject: { network: 'web', id: 'https://amiga.example' } }),
    ]);
  });

  it('lets the header charset win over the XML declaration', async () => {
    const mislabelled = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n'), latin1Feed]);
    server.route({ path: '/feed.rss', responses: { headers: { 'content-type': 'text/xml; charset=iso-8859-1' }, body: mislabelled } });
    const run = await readAll({ url: `${server.url}/feed.rss` }, undefined, source);
    expect(run.identities[0]?.displayName).toBe('Notícias');
  });

  it('sends the ETag and Last-Modified back, and a 304 yields nothing', async () => {
    const lastModified = 'Mon, 24 Sep 2018 22:50:00 GMT';
    const route = server.route({
      path: '/feed.rss',
      responses: fixtureFaults.conditional({
        etag: '"v1"',
        lastModified,
        response: { headers: { 'content-type': 'application/rss+xml; charset=ISO-8859-1' }, body: latin1Feed },
      }),
    });
    const url = `${server.url}/feed.rss`;
    const first = await readAll({ url }, undefined, source);
    expect(first.signals).toHaveLength(2);
    expect(JSON.parse(first.cursor as string)).toMatchObject({ etag: '"v1"', lastModified, next: 1, total: 1 });

    const second = await readAll({ url }, first.cursor, source);
    expect(second.batches).toEqual([]);
    expect(route.requests[0]?.headers).not.toHaveProperty('if-none-match');
    expect(route.requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': lastModified });
  });

  it('yields nothing for the same bytes from a server that ignores validators, and reads a changed feed again', async () => {
    server.route({
      path: '/feed.rss',
      responses: [{ body: latin1Feed }, { body: latin1Feed }, { body: Buffer.concat([latin1Feed, Buffer.from('\n')]) }],
    });
    const url = `${server.url}/feed.rss`;
    const first = await readAll({ url }, undefined, source);
    expect((await readAll({ url }, first.cursor, source)).batches).toEqual([]);
    const changed = await readAll({ url }, first.cursor, source);
    expect(changed.signals.map((signal) => signal.id)).toEqual(first.signals.map((signal) => signal.id));
  });

  it('sends no validators when the last read stopped before the end, so no entry is stranded', async () => {
    const route = server.route({
      path: '/feed.rss',
      responses: fixtureFaults.conditional({ etag: '"v1"', response: { body: latin1Feed } }),
    });
    const url = `${server.url}/feed.rss`;
    const first = await readAll({ url }, undefined, source);
    const stopped = JSON.stringify({ ...JSON.parse(first.cursor as string), next: 0 });
    const resumed = await readAll({ url }, stopped, source);
    expect(route.requests[1]?.headers).not.toHaveProperty('if-none-match');
    expect(resumed.signals.map((signal) => signal.id)).toEqual(first.signals.map((signal) => signal.id));
  });

  it('reads an OPML list by URL: relative xmlUrls resolve against it, and Last-Modified dates its follows', async () => {
    server.route({
      path: '/blogroll.opml',
      responses: {
        headers: { 'content-type': 'text/x-opml', 'last-modified': 'Tue, 02 Aug 2005 21:42:48 GMT' },
        body: '<opml version="1.0"><head><title>Blogroll</title></head><body><outline text="Friend" type="rss" xmlUrl="/friend/feed.xml"/></body></opml>',
      },
    });
    const url = `${server.url}/blogroll.opml`;
    const run = await readAll({ url, owner: 'me' }, undefined, source);
    expect(run.signals).toEqual([
      {
        id: `feed:follow:~owner>${server.url}/friend/feed.xml`,
        network: 'feed',
        kind: 'follow',
        actor: { network: 'feed', id: '~owner' },
        subject: { network: 'feed', id: `${server.url}/friend/feed.xml` },
        at: '2005-08-02T21:42:48Z',
        rawAt: 'Tue, 02 Aug 2005 21:42:48 GMT',
        object: { url: `${server.url}/friend/feed.xml`, text: 'Friend' },
      },
    ]);
  });

  it('fails with the URL and the status on a 404 or a 500, and never prints a token in the address', async () => {
    server.route({ path: '/broken.rss', responses: fixtureFaults.failing(5) });
    await expect(readAll({ url: `${server.url}/missing.rss` }, undefined, source)).rejects.toThrow(
      `cannot fetch ${server.url}/missing.rss: HTTP 404 Not Found`,
    );
    await expect(readAll({ url: `${server.url}/broken.rss` }, undefined, source)).rejects.toThrow(
      `cannot fetch ${server.url}/broken.rss: HTTP 500 Internal Server Error (after 2 attempts)`,
    );
    const failure = readAll({ url: `${server.url}/private.rss?token=s3cr3t-feed-token` }, undefined, source);
    await expect(failure).rejects.toThrow(`cannot fetch ${server.url}/private.rss?token=[redacted]: HTTP 404`);
    await expect(failure).rejects.not.toThrow('s3cr3t');
  });

  it('names an HTML page served in place of a feed, and the feed it declares', async () => {
    server.route({
      path: '/',
      responses: {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><html><head><title>Dan</title><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head></html>',
      },
    });
    await expect(readAll({ url: `${server.url}/` }, undefined, source)).rejects.toThrow(
      `${server.url}/ is an HTML page ("Dan"), not a feed or an OPML file; it names ${server.url}/feed.atom: use that address`,
    );
  });
});
