/**
 * The labels WHATWG maps to windows-1252: a page that says ISO-8859-1 is decoded as windows-1252, whose
 * curly quotes and euro sign real "latin-1" feeds use.
 */
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968',
  'ascii',
  'cp1252',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso-8859-1',
  'iso-ir-100',
  'iso8859-1',
  'iso88591',
  'iso_8859-1',
  'iso_8859-1:1987',
  'l1',
  'latin1',
  'us-ascii',
  'windows-1252',
  'x-cp1252',
]);

/** windows-1252 bytes 0x80–0x9F; the other bytes are their own code points. 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decodes a body in the charset its Content-Type names, and as UTF-8 when it names none or one that
 * TextDecoder does not know. Feeds such as `uolNoticias.rss` carry no XML declaration, so the header is
 * the only place the charset is written. windows-1252 (and its latin-1 aliases) is decoded here rather
 * than by TextDecoder, which in Node 20 maps bytes 0x80–0x9F to control characters.
 */
export function decodeText(body: Uint8Array, contentType?: string): string {
  const charset = /charset\s*=\s*"?([^";,\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && WINDOWS_1252_LABELS.has(charset)) return decodeWindows1252(body);
  if (charset !== undefined) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // An unknown label: UTF-8 below is the best guess the web platform makes too.
    }
  }
  return new TextDecoder('utf-8').decode(body);
}

function decodeWindows1252(body: Uint8Array): string {
  let text = '';
  for (let start = 0; start < body.length; start += 8192) {
    const codes = Array.from(body.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}
