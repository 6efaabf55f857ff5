import type { BodyErrorReport } from './http-client.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Flickr codes that mean "try again later": 105 service unavailable, 106 write failed for a temporary reason. */
const FLICKR_TEMPORARY = new Set([105, 106]);

/**
 * Checkers for `HttpRequest.bodyError`: the platforms that answer an error with HTTP 200.
 * Each returns undefined for a body that is not its platform's error shape.
 */
export const bodyErrors = {
  /** Flickr: `{"stat":"fail","code":98,"message":"Invalid auth token"}`; codes come as numbers or strings. */
  flickr(body: unknown): BodyErrorReport | undefined {
    if (!isObject(body) || body.stat !== 'fail') return undefined;
    const code = textOf(body.code);
    const message = textOf(body.message) ?? 'no message';
    return {
      message: `Flickr error ${code ?? '?'}: ${message}`,
      code,
      retryable: code !== undefined && FLICKR_TEMPORARY.has(Number(code)),
    };
  },

  /** Tumblr: `meta.status` of 400 or more, the real status of a JSONP answer that is always HTTP 200. */
  tumblr(body: unknown): BodyErrorReport | undefined {
    if (!isObject(body) || !isObject(body.meta)) return undefined;
    const status = Number(body.meta.status);
    if (!Number.isFinite(status) || status < 400) return undefined;
    const first = Array.isArray(body.errors) && isObject(body.errors[0]) ? body.errors[0] : undefined;
    const detail = textOf(first?.detail) ?? textOf(first?.title);
    const message = `Tumblr ${status} ${textOf(body.meta.msg) ?? ''}`.trim();
    return {
      message: detail ? `${message}: ${detail}` : message,
      status,
      code: textOf(first?.code),
      retryable: status === 429 || status >= 500,
    };
  },

  /**
   * X API v2: `errors[]` with no `data` is an error (a deleted or suspended tweet or user). `data` and
   * `errors` together is a partial success: the caller gets the data and reads `errors` itself.
   */
  x(body: unknown): BodyErrorReport | undefined {
    if (!isObject(body) || !Array.isArray(body.errors) || body.errors.length === 0) return undefined;
    if (body.data !== undefined && body.data !== null) return undefined;
    const messages = body.errors.slice(0, 3).map((error) => {
      if (!isObject(error)) return String(error);
      const title = textOf(error.title);
      const detail = textOf(error.detail) ?? textOf(error.message);
      return [title, detail].filter(Boolean).join(': ') || 'unknown error';
    });
    const more = body.errors.length > 3 ? ` (and ${body.errors.length - 3} more)` : '';
    const first = isObject(body.errors[0]) ? body.errors[0] : undefined;
    return { message: `X error: ${messages.join('; ')}${more}`, code: textOf(first?.type) ?? textOf(first?.code) };
  },
} as const;
