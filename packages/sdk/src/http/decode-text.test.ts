import { FixtureServer, RecordingLogger } from '@handshake/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { createHttpClient, type DisposableHttpClient } from './create-http-client.js';
import { decodeText } from './decode-text.js';

let server: FixtureServer;
let client: DisposableHttpClient;

beforeAll(async () => {
  server = await new FixtureServer().start();
  client = createHttpClient({ clock: new ManualClock(0), logger: new RecordingLogger() });
});

afterAll(async () => {
  await client.dispose();
  await server.stop();
});

/** "São Paulo – Notícias" as ISO-8859-1 bytes (the en dash is not in latin-1, so a hyphen). */
const LATIN1 = Buffer.from('São Paulo - Notícias', 'latin1');

describe('text() decodes with the Content-Type charset', () => {
  it('decodes an ISO-8859-1 feed that has no XML declaration, as uolNoticias.rss', async () => {
    server.route({ path: '/uol.rss', responses: { headers: { 'content-type': 'application/rss+xml; charset=ISO-8859-1' }, body: LATIN1 } });
    const response = await client.request({ url: `${server.url}/uol.rss` });
    expect(response.text()).toBe('São Paulo - Notícias');
  });

  it('decodes latin1 and windows-1252 labels, quoted or not', () => {
    expect(decodeText(LATIN1, 'text/xml; charset="latin1"')).toBe('São Paulo - Notícias');
    expect(decodeText(Buffer.from([0x80, 0x20, 0x93, 0x71, 0x94]), 'text/plain;charset=windows-1252')).toBe('€ “q”');
  });

  it('decodes UTF-8 when no charset is named or the label is unknown', () => {
    const utf8 = Buffer.from('Zoë 🚀', 'utf8');
    expect(decodeText(utf8, 'application/json')).toBe('Zoë 🚀');
    expect(decodeText(utf8, undefined)).toBe('Zoë 🚀');
    expect(decodeText(utf8, 'text/plain; charset=klingon')).toBe('Zoë 🚀');
  });
});
