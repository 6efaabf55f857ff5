import { TextDecoder } from 'node:util';
import { FeedReadError } from './feed-read-error.js';

/** Where the charset a feed was read in came from. */
export type CharsetSource = 'header' | 'declaration' | 'bom' | 'default' | 'guess';

export interface DecodedFeedText {
  readonly text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1252`, ...). */
  readonly charset: string;
  readonly from: CharsetSource;
}

export interface DecodeFeedTextOptions {
  /** The HTTP `Content-Type` header, in URL mode. */
  readonly contentType?: string;
  /** The file or URL, for errors. */
  readonly where: string;
}

const DECLARATION = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/;

/**
 * Turns a feed's bytes into text. The charset comes from, in this order: the HTTP Content-Type
 * header, the XML declaration, a byte order mark, and UTF-8. When none names one and the bytes
 * are not valid UTF-8, they are read as Windows-1252 (the superset of ISO-8859-1 that browsers
 * use for unlabelled pages): that is how an ISO-8859-1 feed without a declaration, saved to a
 * file without its HTTP header, still reads right instead of filling with U+FFFD.
 */
export function decodeFeedText(bytes: Uint8Array, options: DecodeFeedTextOptions): DecodedFeedText {
  const bom = byteOrderMark(bytes);
  const header = headerCharset(options.contentType);
  const declared = declaredCharset(bytes, bom);
  const [label, from]: [string | undefined, CharsetSource] =
    header !== undefined
      ? [header, 'header']
      : declared !== undefined
        ? [declared, 'declaration']
        : bom
          ? [bom, 'bom']
          : [undefined, 'default'];

  if (label === undefined) {
    try {
      return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), charset: 'utf-8', from };
    } catch {
      return { text: stripBom(new TextDecoder('windows-1252').decode(bytes)), charset: 'windows-1252', from: 'guess' };
    }
  }
  const decoder = decoderFor(label, bom, options.where, from);
  return { text: stripBom(decoder.decode(bytes)), charset: decoder.encoding, from };
}

function decoderFor(label: string, bom: string | undefined, where: string, from: CharsetSource): TextDecoder {
  // "UTF-16" without an order says nothing about byte order: the BOM does.
  const wanted = /^utf-?16$/i.test(label) && bom?.startsWith('utf-16') ? bom : label;
  try {
    return new TextDecoder(wanted);
  } catch (error) {
    const named = from === 'header' ? 'the Content-Type header' : from === 'declaration' ? 'the XML declaration' : 'the byte order mark';
    throw new FeedReadError(`${where}: ${named} names charset "${label}", which this runtime cannot decode`, { cause: error });
  }
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2];
}

/** The declaration is ASCII, so it reads the same in every ASCII-compatible charset; UTF-16 needs its BOM. */
function declaredCharset(bytes: Uint8Array, bom: string | undefined): string | undefined {
  const head = bytes.subarray(0, 1024);
  const text = bom === 'utf-16le' || bom === 'utf-16be' ? new TextDecoder(bom).decode(head) : new TextDecoder('latin1').decode(head);
  return DECLARATION.exec(stripBom(text))?.[1];
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
