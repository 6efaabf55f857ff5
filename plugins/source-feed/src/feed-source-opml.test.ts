import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkIdentityReport, checkSignal, ownerIdentity } from '@handshake/sdk';
import { temporaryFolder, writeFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { readAll } from './__fixtures__/read-all.js';

const path = fileURLToPath(new URL('./__fixtures__/subscriptions.opml', import.meta.url));
const owner = ownerIdentity('feed');

describe('feed source: OPML', () => {
  it('turns every outline with an xmlUrl, in nested folders and whatever its case, into a follow by the user', async () => {
    const run = await readAll({ path, owner: 'me' });
    for (const signal of run.signals) expect(checkSignal(signal).ok).toBe(true);
    expect(run.signals.map((signal) => [signal.subject.network, signal.subject.id, signal.at])).toEqual([
      ['feed', 'https://dan.example/feed.xml', '2005-08-02T21:42:48Z'],
      // its own created date wins over the head's dateModified
      ['feed', 'https://blog.rust-lang.org/inside-rust/feed.xml', '2005-10-31T18:21:33Z'],
      ['feed', 'https://erin.example/feed.atom', '2005-08-02T21:42:48Z'],
      // feed:// is how some readers write http://
      ['feed', 'http://old.example/rss', '2005-08-02T21:42:48Z'],
      // a blogroll entry with a site and no feed follows the site
      ['web', 'https://frank.example', '2005-08-02T21:42:48Z'],
    ]);
    expect(run.signals[0]).toEqual({
      id: 'feed:follow:~owner>https://dan.example/feed.xml',
      network: 'feed',
      kind: 'follow',
      actor: owner,
      subject: { network: 'feed', id: 'https://dan.example/feed.xml' },
      at: '2005-08-02T21:42:48Z',
      rawAt: 'Tue, 02 Aug 2005 21:42:48 GMT',
      object: { url: 'https://dan.example/', text: 'Dan Example' },
    });
  });

  it('reports the owner as the user, and each followed feed with its name, site and same-site evidence', async () => {
    const run = await readAll({ path, owner: 'me' });
    for (const identity of run.identities) expect(checkIdentityReport(identity).ok).toBe(true);
    expect(run.identities.slice(0, 4)).toEqual([
      {
        ...owner,
        owner: true,
        displayName: 'Ada Lovelace',
        links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'same-site' }],
      },
      {
        network: 'feed',
        id: 'https://dan.example/feed.xml',
        displayName: 'Dan Example',
        url: 'https://dan.example/',
        links: [{ to: { network: 'web', id: 'https://dan.example' }, evidence: 'same-site' }],
      },
      // text, not title, is the name the reader shows
      { network: 'feed', id: 'https://blog.rust-lang.org/inside-rust/feed.xml', displayName: 'Inside Rust' },
      // an htmlUrl that repeats the feed's address says nothing about whose site it is
      { network: 'feed', id: 'https://erin.example/feed.atom', displayName: 'Erin', url: 'https://erin.example/feed.atom' },
    ]);
  });

  it('rejects an xmlUrl that is no address, skips a repeat and a shared-host site, and ignores folders and notes', async () => {
    const run = await readAll({ path, owner: 'me' });
    expect(run.rejected).toEqual([{ where: `${path} outline 8 (line 20)`, reason: 'xmlUrl "Outline XML URL" is not an http(s) address' }]);
    expect(run.skipped).toEqual([
      { where: `${path} outline 7 (line 19)`, reason: 'lists https://dan.example/feed.xml again (first at outline 2)' },
      {
        where: `${path} outline 11 (line 23)`,
        reason: "a site without a feed on a shared host (https://github.com/frank): it names nobody's own site",
      },
    ]);
  });

  it('makes the list itself the follower without owner: me, linked to the site its ownerId names', async () => {
    const run = await readAll({ path });
    const list = { network: 'feed', id: pathToFileURL(path).href };
    expect(run.identities[0]).toEqual({
      ...list,
      displayName: 'Ada Lovelace',
      url: 'https://ada.example/',
      links: [{ to: { network: 'web', id: 'https://ada.example' }, evidence: 'same-site' }],
    });
    expect(run.signals[0]).toMatchObject({ id: `feed:follow:${list.id}>https://dan.example/feed.xml`, actor: list });
  });

  it("dates follows by the file's modification time when neither outline nor head has a date", async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'rust.opml':
        '<opml version="2.0"><head><title>Rust Feeds</title></head><body><outline text="Rust Blog" xmlUrl="https://blog.rust-lang.org/feed.xml"/></body></opml>',
    });
    const file = join(folder, 'rust.opml');
    await utimes(file, new Date('2024-03-04T05:06:07Z'), new Date('2024-03-04T05:06:07Z'));
    const run = await readAll({ path: file, owner: 'me' });
    expect(run.signals).toEqual([expect.objectContaining({ at: '2024-03-04T05:06:07Z' })]);
    expect(run.signals[0]).not.toHaveProperty('rawAt');
  });

  it('reads an ISO-8859-1 OPML 1.0 list, as the spec examples are written', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'latin1.opml': Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<opml version="1.0">\r\n<head><title>Abonnements</title><dateCreated>Mon, 31 Oct 2005 19:23:00 GMT</dateCreated></head>\r\n' +
          '<body><outline text="Café" xmlUrl="https://cafe.example/rss"/></body></opml>\r\n',
        'latin1',
      ),
    });
    const run = await readAll({ path: join(folder, 'latin1.opml'), owner: 'me' });
    expect(run.identities[1]).toEqual({ network: 'feed', id: 'https://cafe.example/rss', displayName: 'Café' });
    expect(run.signals[0]).toMatchObject({ at: '2005-10-31T19:23:00Z' });
  });

  it('fails with the line of malformed OPML, and on OPML without a body', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'unclosed.opml':
        '<opml version="2.0">\n<head><title>x</title></head>\n<body>\n<outline text="a" xmlUrl="https://a.example/feed">\n</body></opml>',
      'headless.opml': '<opml version="2.0"><head/></opml>',
    });
    await expect(readAll({ path: join(folder, 'unclosed.opml') })).rejects.toThrow(
      /unclosed\.opml: not well-formed XML at line \d+, column \d+/,
    );
    await expect(readAll({ path: join(folder, 'headless.opml') })).rejects.toThrow('headless.opml: malformed OPML: no <body> element');
  });
});
