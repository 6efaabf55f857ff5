import { personName } from '../identity/person-name.js';
import { normalizeProfileUrl } from '../identity/profile-url.js';

/** One recipient of a message: a name, and a profile URL when the export pairs one with it. */
export interface Recipient {
  readonly name: string;
  readonly url: string | undefined;
}

/**
 * Degrees and suffixes that members put after a comma in their last name (`Ada Lovelace, MBA`).
 * In a `TO` field that lists names separated by commas, such a piece belongs to the name before it.
 */
const CREDENTIAL =
  /^(?:[A-Z][A-Z.&-]{1,7}|Ph\.?\s?D\.?|M\.?\s?Sc\.?|B\.?\s?Sc\.?|M\.?\s?Eng\.?|Dipl\.?[\p{L}.-]*|Jr\.?|Sr\.?|[IVX]{1,4})$/u;

/**
 * Splits `TO` (one name, or several separated by commas in one quoted field) and `RECIPIENT
 * PROFILE URLS` (the same, for exports since 2023) into recipients. The number of URLs, when
 * given, settles whether a credential after a comma was a name of its own. URLs are paired with
 * names only when the counts agree; otherwise the names stand alone rather than risk a wrong pairing.
 */
export function splitRecipients(names: string, urls: string): Recipient[] {
  const pieces = names
    .split(',')
    .map((piece) => personName(piece))
    .filter((piece) => piece !== '');
  const joined: string[] = [];
  for (const piece of pieces) {
    if (joined.length > 0 && CREDENTIAL.test(piece)) joined[joined.length - 1] += `, ${piece}`;
    else joined.push(piece);
  }
  const links = urls
    .split(/[,\s]+/)
    .map((url) => normalizeProfileUrl(url))
    .filter((url): url is string => url !== undefined);
  const chosen = links.length !== joined.length && links.length === pieces.length ? pieces : joined;
  const paired = links.length === chosen.length;
  return chosen.map((name, index) => ({ name, url: paired ? links[index] : undefined }));
}
