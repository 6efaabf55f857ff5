/** `#word` not inside a URL (`page#section`) or an entity (`&#39;`). */
const HASHTAG = /(?<![\p{L}\p{N}_/&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** The hashtags of a text as topics: without `#`, lower-cased (LinkedIn's hashtags ignore case), each once. */
export function hashtags(text: string): string[] {
  const topics = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) topics.add((match[1] as string).toLowerCase());
  return [...topics];
}
