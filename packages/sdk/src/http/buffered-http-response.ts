import { decodeText } from './decode-text.js';
import type { HttpResponse, HttpValidators } from './http-client.js';
import { bodyExcerpt } from './http-error.js';

export interface BufferedHttpResponseInit {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly notModified: boolean;
  readonly validators: HttpValidators;
  /** Names the exchange in an error (method and URL, credentials removed). */
  readonly description: string;
  /** Blanks credentials out of a text before it goes into an error message. */
  readonly redact: (text: string) => string;
}

/** A response whose body has been read whole: decoded and parsed on demand, once. */
export class BufferedHttpResponse implements HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly notModified: boolean;
  readonly validators: HttpValidators;
  private decoded: string | undefined;
  private parsed: { readonly value: unknown } | undefined;

  constructor(private readonly init: BufferedHttpResponseInit) {
    this.url = init.url;
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.notModified = init.notModified;
    this.validators = init.validators;
  }

  text(): string {
    this.decoded ??= decodeText(this.body, this.headers['content-type']);
    return this.decoded;
  }

  json<T = unknown>(): T {
    if (!this.parsed) {
      const text = this.text();
      try {
        this.parsed = { value: JSON.parse(unwrapJsonp(text)) };
      } catch (error) {
        const excerpt = bodyExcerpt(this.init.redact(text), 120) ?? 'an empty body';
        throw new Error(`${this.init.description}: the body is not JSON (${(error as Error).message}): ${excerpt}`, { cause: error });
      }
    }
    return this.parsed.value as T;
  }
}

const JSONP = /^\s*[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?\s*$/;

/** `jsonFlickrApi({...})` or `callback({...});` → `{...}`; anything else is returned as it is. */
export function unwrapJsonp(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return text;
  return JSONP.exec(text)?.[1] ?? text;
}
