import { readFile } from 'node:fs/promises';
import { normalizeRecordedHeaders, type RecordedExchange, recordedBody } from './recorded-exchange.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name.toLowerCase(), String(item)]));
}

function fail(format: string, index: number, problem: string): never {
  throw new Error(`${format} recording, exchange ${index}: ${problem}`);
}

/**
 * The recording formats of the corpus, each turned into exchanges a FixtureServer replays. Each takes the
 * file's parsed JSON; `loadRecordedExchanges` reads a file and picks the format itself.
 */
export const recordingFormats = {
  /**
   * VCR cassettes converted to JSON (Mastodon.py and tweepy, in `mastodon/api-recordings` and
   * `twitter/api-v2-recordings`): `[{request: {method, uri}, response: {status: {code}, headers: {name: [values]}, body}}]`.
   */
  vcr(json: unknown): RecordedExchange[] {
    if (!Array.isArray(json)) throw new Error('vcr recording: expected an array of exchanges');
    return json.map((entry, index) => {
      if (!isObject(entry) || !isObject(entry.request) || !isObject(entry.response)) fail('vcr', index, 'expected {request, response}');
      const { request, response } = entry;
      const status = isObject(response.status) ? Number(response.status.code) : Number(response.status);
      if (typeof request.uri !== 'string' || !Number.isInteger(status)) fail('vcr', index, 'expected request.uri and response.status.code');
      return {
        method: String(request.method ?? 'GET').toUpperCase(),
        url: request.uri,
        requestHeaders: stringRecord(request.headers),
        status,
        headers: normalizeRecordedHeaders(
          Object.entries(isObject(response.headers) ? (response.headers as Record<string, string | string[]>) : {}),
        ),
        body: recordedBody(response.body),
      };
    });
  },

  /**
   * nock recordings of octokit/fixtures (`github/octokit-fixtures/*.raw.json`):
   * `[{scope, method, path, status, response, rawHeaders: [name, value, …], reqheaders}]`.
   */
  octokit(json: unknown): RecordedExchange[] {
    if (!Array.isArray(json)) throw new Error('octokit recording: expected an array of exchanges');
    return json.map((entry, index) => {
      if (!isObject(entry) || typeof entry.scope !== 'string' || typeof entry.path !== 'string')
        fail('octokit', index, 'expected scope and path');
      const raw = Array.isArray(entry.rawHeaders) ? entry.rawHeaders.map(String) : [];
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
      const binary = entry.responseIsBinary === true && typeof entry.response === 'string';
      return {
        method: String(entry.method ?? 'GET').toUpperCase(),
        url: new URL(entry.path, entry.scope).href,
        requestHeaders: stringRecord(entry.reqheaders),
        status: Number(entry.status ?? 200),
        headers: normalizeRecordedHeaders(pairs),
        body: binary ? Buffer.from(entry.response as string, 'hex') : recordedBody(entry.response),
      };
    });
  },

  /**
   * PyGithub's ReplayData converted to JSON (`github/pygithub-replaydata`):
   * `[{request: {method, url, headers}, response: {status, headers, body}}]`.
   */
  pygithub(json: unknown): RecordedExchange[] {
    if (!Array.isArray(json)) throw new Error('pygithub recording: expected an array of exchanges');
    return json.map((entry, index) => {
      if (!isObject(entry) || !isObject(entry.request) || !isObject(entry.response))
        fail('pygithub', index, 'expected {request, response}');
      const { request, response } = entry;
      if (typeof request.url !== 'string') fail('pygithub', index, 'expected request.url');
      return {
        method: String(request.method ?? 'GET').toUpperCase(),
        url: request.url,
        requestHeaders: stringRecord(request.headers),
        status: Number(response.status),
        headers: normalizeRecordedHeaders(Object.entries(stringRecord(response.headers))),
        body: recordedBody(response.body),
      };
    });
  },

  /**
   * A Postman example response (`twitter/api-v2-postman-examples`): `{name, request: url, status, headers: [{key, value}], body}`.
   * Its URL may hold `:id` placeholders, which a FixtureServer route matches as any segment.
   */
  postman(json: unknown): RecordedExchange[] {
    if (!isObject(json) || typeof json.request !== 'string')
      throw new Error('postman example: expected {request: url, status, headers, body}');
    const headers = Array.isArray(json.headers)
      ? json.headers.filter(isObject).map((header) => [String(header.key), String(header.value)] as const)
      : [];
    return [
      {
        method: String(json.method ?? 'GET').toUpperCase(),
        url: json.request,
        requestHeaders: {},
        status: Number(json.status ?? 200),
        headers: normalizeRecordedHeaders(headers),
        body: recordedBody(json.body),
      },
    ];
  },
} as const;

export type RecordingFormat = keyof typeof recordingFormats;

/** Which of `recordingFormats` a parsed recording is in, or undefined. */
export function detectRecordingFormat(json: unknown): RecordingFormat | undefined {
  if (isObject(json)) return typeof json.request === 'string' && 'status' in json ? 'postman' : undefined;
  if (!Array.isArray(json) || !isObject(json[0])) return undefined;
  const first = json[0];
  if (typeof first.scope === 'string' && 'path' in first) return 'octokit';
  if (isObject(first.request) && typeof first.request.uri === 'string') return 'vcr';
  if (isObject(first.request) && typeof first.request.url === 'string') return 'pygithub';
  return undefined;
}

/** Reads a recording file in any of `recordingFormats` (or the one named) and returns its exchanges in order. */
export async function loadRecordedExchanges(file: string, format?: RecordingFormat): Promise<RecordedExchange[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a JSON recording (${(error as Error).message})`, { cause: error });
  }
  const chosen = format ?? detectRecordingFormat(json);
  if (!chosen) throw new Error(`${file}: not a recording format handshake knows (${Object.keys(recordingFormats).join(', ')})`);
  try {
    return recordingFormats[chosen](json);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}
