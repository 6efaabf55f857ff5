/** LinkedIn's markup for a hashtag in some share texts: `{hashtag|\#|rust}`. */
const HASHTAG_MARKUP = /\{hashtag\|\\?#\|([^}|]+)\}/g;

/**
 * The text of a Shares.csv `ShareCommentary`, repaired. LinkedIn writes each paragraph of a
 * multi-line post as its own quoted string (`"text"\r\n""\r\n"text"`) inside the quoted field, so
 * after CSV unquoting every line but the first starts with a stray `"`, every line but the last
 * ends with one, and the blank lines between paragraphs read `""`. Only when every line follows
 * that pattern are the quotes removed: a quote the author typed stays.
 */
export function shareCommentary(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const last = lines.length - 1;
  const broken = last > 0 && lines.every((line, index) => (index === 0 || line.startsWith('"')) && (index === last || line.endsWith('"')));
  const repaired = broken
    ? lines.map((line, index) => {
        const start = index === 0 ? 0 : 1;
        const end = index === last ? line.length : line.length - 1;
        return end > start ? line.slice(start, end) : '';
      })
    : lines;
  return repaired
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(HASHTAG_MARKUP, '#$1')
    .trim();
}
