const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Trailing punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?)\]}]+$/;
/** LinkedIn's own shortener: the export never gives where it leads, so it says nothing about whose work is shared. */
const SHORTENER = /^https?:\/\/lnkd\.in\//i;

/** The web links a text carries, in order, each once, without LinkedIn's short links. */
export function linksIn(text: string): string[] {
  const links = new Set<string>();
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const link = match[0].replace(TRAILING, '');
    if (!SHORTENER.test(link)) links.add(link);
  }
  return [...links];
}
