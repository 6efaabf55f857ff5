/** Mastodon's status URI: `https://host/users/<name>/statuses/<id>`; the actor is the part before `/statuses/`. */
const MASTODON_STATUS = /^(https?:\/\/[^/?#]+\/users\/[^/?#]+)\/statuses\/[^/?#]+$/;
/** The numeric-id shape newer Mastodon versions can use: `https://host/ap/users/<id>/statuses/<id>`. */
const MASTODON_AP_STATUS = /^(https?:\/\/[^/?#]+\/ap\/users\/\d+)\/statuses\/[^/?#]+$/;

/**
 * The actor URI of a status's author, read from the status URI alone. Known only where the URI
 * says it: Mastodon's shapes, or a URI under the path of an actor already known (`knownActors`,
 * such as the accounts a status mentions). Misskey's `/notes/<id>`, Akkoma's `/objects/<uuid>` and
 * plain blog URLs name no author: undefined, never a guess from the host.
 */
export function statusAuthor(statusUri: string, knownActors: Iterable<string> = []): string | undefined {
  const match = MASTODON_STATUS.exec(statusUri) ?? MASTODON_AP_STATUS.exec(statusUri);
  if (match) return match[1];
  for (const actor of knownActors) {
    if (actor !== '' && statusUri.startsWith(`${actor.replace(/\/+$/, '')}/`)) return actor;
  }
  return undefined;
}
