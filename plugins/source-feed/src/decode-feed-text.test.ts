import { describe, expect, it } from 'vitest';
import { decodeFeedText } from './decode-feed-text.js';
import { FeedReadError } from './feed-read-error.js';

const where = 'feed.xml';
const notícias = '<rss><channel><title>Últimas Notícias</title></channel></rss>';

describe('decodeFeedText', () => {
  it('reads ISO-8859-1 from the XML declaration', () => {
    const bytes = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${notícias}`, 'latin1');
    const decoded = decodeFeedText(bytes, { where });
    expect(decoded.text).toContain('Últimas Notícias');
    expect(decoded.from).toBe('declaration');
  });

  it('lets the Content-Type header win over the declaration', () => {
    const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${notícias}`, 'latin1');
    const decoded = decodeFeedText(bytes, { where, contentType: 'application/rss+xml; charset="iso-8859-1"' });
    expect(decoded.text).toContain('Últimas Notícias');
    expect(decoded.from).toBe('header');
  });

  it('reads ISO-8859-1 without a declaration (uolNoticias.rss) from a header, or by falling back when it is not UTF-8', () => {
    const bytes = Buffer.from(notícias, 'latin1');
    expect(decodeFeedText(bytes, { where, contentType: 'text/xml; charset=ISO-8859-1' }).text).toContain('Últimas Notícias');
    const guessed = decodeFeedText(bytes, { where });
    expect(guessed.text).toContain('Últimas Notícias');
    expect(guessed.from).toBe('guess');
  });

  it('reads UTF-8 by default and drops a byte order mark', () => {
    const decoded = decodeFeedText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(notícias, 'utf8')]), { where });
    expect(decoded.text.startsWith('<rss>')).toBe(true);
    expect(decoded.text).toContain('Últimas Notícias');
    expect(decoded.from).toBe('bom');
  });

  it('reads UTF-16 by its byte order mark, declaration included', () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?>${notícias}`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const decoded = decodeFeedText(bytes, { where });
    expect(decoded.text).toBe(text);
    expect(decoded.charset).toBe('utf-16le');
  });

  it('names the file and the charset it cannot decode', () => {
    const bytes = Buffer.from(`<?xml version="1.0" encoding="x-klingon"?>${notícias}`);
    expect(() => decodeFeedText(bytes, { where })).toThrow(FeedReadError);
    expect(() => decodeFeedText(bytes, { where })).toThrow('feed.xml: the XML declaration names charset "x-klingon"');
  });
});
