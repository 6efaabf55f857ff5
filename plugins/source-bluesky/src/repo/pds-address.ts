import type { HttpClient } from '@handshake/sdk';
import { BlueskyReadError } from '../bluesky-read-error.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The address of a DID's document: the PLC directory for `did:plc`, the host's well-known file for `did:web`. */
function documentUrl(did: string, plcDirectory: string): string | undefined {
  // `./` keeps `did:` from reading as a URL scheme.
  if (did.startsWith('did:plc:')) return new URL(`./${did}`, plcDirectory.endsWith('/') ? plcDirectory : `${plcDirectory}/`).href;
  if (did.startsWith('did:web:')) return `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`;
  return undefined;
}

/** Finds the PDS that hosts a repository: the `#atproto_pds` service of its DID document. */
export async function pdsAddress(http: HttpClient, did: string, plcDirectory: string, abort: AbortSignal): Promise<string> {
  const url = documentUrl(did, plcDirectory);
  if (url === undefined) throw new BlueskyReadError(`cannot find the PDS of ${did}: only did:plc and did:web are resolved; give service`);
  let document: unknown;
  try {
    document = (await http.request({ url, headers: { accept: 'application/did+ld+json, application/json' }, abort })).json();
  } catch (error) {
    if (abort.aborted) throw error;
    throw new BlueskyReadError(`cannot find the PDS of ${did}: ${(error as Error).message}`, { cause: error });
  }
  const services = isObject(document) && Array.isArray(document.service) ? document.service : [];
  const pds = services.find((service) => isObject(service) && typeof service.id === 'string' && service.id.endsWith('#atproto_pds'));
  const endpoint = isObject(pds) ? pds.serviceEndpoint : undefined;
  if (typeof endpoint !== 'string' || !URL.canParse(endpoint)) {
    throw new BlueskyReadError(`cannot find the PDS of ${did}: its DID document (${url}) names no #atproto_pds service`);
  }
  return endpoint;
}
