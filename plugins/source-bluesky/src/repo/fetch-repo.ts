import type { HttpClient } from '@handshake/sdk';
import { BlueskyReadError } from '../bluesky-read-error.js';
import { isHttpError } from '../is-http-error.js';

/** A repository may be tens of MB: more time than an API answer gets. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

export interface LatestCommit {
  readonly cid: string;
  readonly rev?: string;
}

function xrpc(service: string, method: string, did: string): string {
  const url = new URL(`xrpc/${method}`, service.endsWith('/') ? service : `${service}/`);
  url.searchParams.set('did', did);
  return url.href;
}

/**
 * The repository's current commit (`com.atproto.sync.getLatestCommit`), to skip the download when it has not
 * changed; undefined when the PDS does not answer that question (the download then decides).
 */
export async function latestCommit(http: HttpClient, service: string, did: string, abort: AbortSignal): Promise<LatestCommit | undefined> {
  try {
    const response = await http.request({
      url: xrpc(service, 'com.atproto.sync.getLatestCommit', did),
      headers: { accept: 'application/json' },
      abort,
    });
    const body = response.json<{ cid?: unknown; rev?: unknown }>();
    if (typeof body.cid !== 'string' || body.cid === '') return undefined;
    return { cid: body.cid, ...(typeof body.rev === 'string' ? { rev: body.rev } : {}) };
  } catch (error) {
    if (abort.aborted) throw error;
    // An answer that is not JSON, or a refusal (4xx, 501), means the PDS does not say; a server that keeps
    // failing (5xx after retries, the network) would fail the download too.
    if (!isHttpError(error) || (error.status !== undefined && (error.status < 500 || error.status === 501))) return undefined;
    throw new BlueskyReadError(`cannot read the latest commit of ${did}: ${(error as Error).message}`, { cause: error });
  }
}

/** Downloads a repository as a CAR (`com.atproto.sync.getRepo`), or throws an error that names the URL. */
export async function fetchRepo(
  http: HttpClient,
  service: string,
  did: string,
  abort: AbortSignal,
): Promise<{ bytes: Buffer; url: string }> {
  const url = xrpc(service, 'com.atproto.sync.getRepo', did);
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({ url, headers: { accept: 'application/vnd.ipld.car' }, abort, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  } catch (error) {
    if (abort.aborted) throw error;
    throw new BlueskyReadError(`cannot fetch the repository of ${did}: ${(error as Error).message}`, { cause: error });
  }
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/vnd.ipld.car')) {
    throw new BlueskyReadError(`${url} answered ${type || 'no content type'}, not a CAR (application/vnd.ipld.car)`);
  }
  return { bytes: response.body, url };
}
